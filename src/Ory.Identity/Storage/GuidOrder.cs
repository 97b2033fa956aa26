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
    public int Compare(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
