using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ory.Identity.Storage;

/// <summary>
/// Orders UUIDs as PostgreSQL, SQLite blobs and their text form do: by their 16 bytes in RFC 4122 (big-endian) order.
/// This is the order of keyset pages. It is spelled out so that stores do not depend on a platform's comparison
/// (SQL Server's <c>uniqueidentifier</c>, for one, sorts differently).
/// </summary>
public sealed class GuidOrder : IComparer<Guid>
{
    /// <summary>The single instance.</summary>
    public static GuidOrder Instance { get; } = new();

    private GuidOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(Guid x, Guid y) => CompareGuids(x, y);

    // Compares in RFC 4122 byte order without copying either UUID.
    private static int CompareGuids(in Guid x, in Guid y)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return CompareBytes(x, y);
        }

        // The first eight big-endian bytes are the fields a (4 bytes), b and c (2 each), stored little-endian in memory;
        // the last eight are stored in order. Compare both halves as unsigned big-endian numbers.
        var xh = High(x);
        var yh = High(y);
        if (xh != yh)
        {
            return xh < yh ? -1 : 1;
        }

        var xl = Low(x);
        var yl = Low(y);
        return xl == yl ? 0 : xl < yl ? -1 : 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong High(in Guid g)
    {
        var raw = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in g)));
        return ((raw & 0xFFFF_FFFFUL) << 32) | (((raw >> 32) & 0xFFFFUL) << 16) | (raw >> 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Low(in Guid g) =>
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in g))[8..]));

    private static int CompareBytes(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
