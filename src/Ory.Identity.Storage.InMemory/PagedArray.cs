using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A fixed-length array kept in pages that each stay under the runtime's 85,000-byte large-object threshold, so that
/// large indexes are allocated, collected and compacted like any other young object.
/// </summary>
/// <remarks>
/// Pages are allocated up front or, with <see cref="Grow"/>, when first written. A page allocated by the writer is
/// published to lock-free readers by whatever volatile write makes its elements reachable (the index's slot).
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct PagedArray<T>
{
    // The most elements a page holds: a power of two whose page stays under the threshold.
    private static readonly int PageSize = (int)BitOperations.RoundUpToPowerOf2((uint)(80_000 / Unsafe.SizeOf<T>()) + 1) / 2;
    private static readonly int PageShift = BitOperations.Log2((uint)PageSize);

    private readonly T[]?[] _pages;
    private readonly int _pageLength;

    /// <summary>An array of <paramref name="length"/> elements whose first <paramref name="allocated"/> are allocated now.</summary>
    public PagedArray(int length, int allocated)
    {
        _pageLength = Math.Min(Math.Max(length, 1), PageSize);
        _pages = new T[]?[(length + PageSize - 1) / PageSize];
        for (var page = 0; page * PageSize < allocated; page++)
        {
            _pages[page] = new T[_pageLength];
        }
    }

    /// <summary>The element at <paramref name="index"/>; its page must be allocated.</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _pages[index >> PageShift]![index & (PageSize - 1)];
    }

    /// <summary>The element at <paramref name="index"/>, allocating its page first if needed. Writer only.</summary>
    public ref T Grow(int index)
    {
        ref var page = ref _pages[index >> PageShift];
        page ??= new T[_pageLength];
        return ref page[index & (PageSize - 1)];
    }
}
