namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A sorted run of at most <see cref="Capacity"/> stored identities, one piece of a <see cref="KeysetOrder"/>. Once
/// published it never changes, except the order's tail chunk, to which the writer appends (item first, then the count).
/// </summary>
internal sealed class KeysetChunk
{
    /// <summary>The most items a chunk holds: an insert out of order copies one chunk, so a chunk stays small.</summary>
    public const int Capacity = 128;

    private int _count;

    private KeysetChunk(StoredIdentity[] items, int count)
    {
        Items = items;
        _count = count;
    }

    /// <summary>The items, sorted by id in <see cref="GuidOrder"/>; the first <see cref="Count"/> are set.</summary>
    public StoredIdentity[] Items { get; }

    /// <summary>How many items are set; read and written volatile, so that a count read covers the items below it.</summary>
    public int Count
    {
        get => Volatile.Read(ref _count);
        private set => Volatile.Write(ref _count, value);
    }

    /// <summary>A chunk holding <paramref name="items"/>, already sorted.</summary>
    public static KeysetChunk Of(ReadOnlySpan<StoredIdentity> items)
    {
        var array = new StoredIdentity[Capacity];
        items.CopyTo(array);
        return new KeysetChunk(array, items.Length);
    }

    /// <summary>Appends an item that sorts after every item here. Writer only, and only on the order's tail chunk.</summary>
    public void Append(StoredIdentity item)
    {
        var count = _count;
        Items[count] = item;
        Count = count + 1; // Publishes the item.
    }

    /// <summary>The index of <paramref name="id"/> among the first <paramref name="count"/> items, or the bitwise complement of where it would go.</summary>
    public int Search(Guid id, int count)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = GuidOrder.Instance.Compare(Items[mid].Id, id);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>A copy with <paramref name="item"/> at <paramref name="index"/>; the chunk must not be full.</summary>
    public KeysetChunk CopyWithInsert(int index, StoredIdentity item)
    {
        var count = Count;
        var array = new StoredIdentity[Capacity];
        Array.Copy(Items, 0, array, 0, index);
        array[index] = item;
        Array.Copy(Items, index, array, index + 1, count - index);
        return new KeysetChunk(array, count + 1);
    }

    /// <summary>A copy without the item at <paramref name="index"/>.</summary>
    public KeysetChunk CopyWithout(int index)
    {
        var count = Count;
        var array = new StoredIdentity[Capacity];
        Array.Copy(Items, 0, array, 0, index);
        Array.Copy(Items, index + 1, array, index, count - index - 1);
        return new KeysetChunk(array, count - 1);
    }
}
