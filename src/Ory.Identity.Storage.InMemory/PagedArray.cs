using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A fixed-length array kept in pages that each stay under the runtime's 85,000-byte large-object threshold, so that
/// large indexes are allocated, collected and compacted like any other young object.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct PagedArray<T>
{
    /// <summary>The most elements a page holds: a power of two whose page stays under the threshold.</summary>
    internal static readonly int PageSize = (int)BitOperations.RoundUpToPowerOf2((uint)(80_000 / Unsafe.SizeOf<T>()) + 1) / 2;

    /// <summary>log2 of <see cref="PageSize"/>: an index shifted right by it is its page.</summary>
    internal static readonly int PageShift = BitOperations.Log2((uint)PageSize);

    private readonly T[][] _pages;

    /// <summary>An array of <paramref name="length"/> default elements.</summary>
    public PagedArray(int length)
    {
        var pageLength = Math.Min(Math.Max(length, 1), PageSize);
        _pages = new T[(length + PageSize - 1) / PageSize][];
        for (var page = 0; page < _pages.Length; page++)
        {
            _pages[page] = new T[pageLength];
        }
    }

    /// <summary>The element at <paramref name="index"/>.</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _pages[index >> PageShift][index & (PageSize - 1)];
    }
}
