namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The stored identities sorted by id in <see cref="GuidOrder"/>, for keyset pages: one writer at a time (the store's
/// write lock), any number of lock-free readers, each walking the <see cref="KeysetSnapshot"/> it took.
/// </summary>
/// <remarks>
/// <para>
/// Why chunks rather than one sorted array: a reader must never see an array change under it, so every change copies
/// what it touches; a list of chunks of at most <see cref="KeysetChunk.Capacity"/> keeps that copy small. Ids are
/// UUIDv7 (time-ordered), so almost every insert appends to the tail chunk in place (O(1), no allocation; readers see
/// the item once the chunk's count includes it). Any other insert or a delete copies the chunk it touches and, unless
/// it only replaces the last chunk by a superset of it, the chunk array (O(n / <see cref="KeysetChunk.Capacity"/>)).
/// </para>
/// </remarks>
internal sealed class KeysetOrder
{
    private KeysetSnapshot _snapshot = new([], 0);

    // The chunk the writer may append to in place: the last chunk, created by this writer and not yet followed or replaced.
    private KeysetChunk? _tail;

    /// <summary>The current state, for readers.</summary>
    public KeysetSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Adds an item whose id is not in the order yet. The caller holds the write lock.</summary>
    public void Add(StoredIdentity item)
    {
        var snapshot = _snapshot;
        var count = snapshot.ChunkCount;
        if (count == 0)
        {
            AppendChunk(snapshot, item);
            return;
        }

        var last = snapshot.Chunks[count - 1];
        if (GuidOrder.Instance.Compare(item.Id, last.Items[last.Count - 1].Id) > 0)
        {
            if (ReferenceEquals(last, _tail) && last.Count < KeysetChunk.Capacity)
            {
                last.Append(item);
            }
            else
            {
                AppendChunk(snapshot, item);
            }

            return;
        }

        InsertInto(snapshot, item);
    }

    /// <summary>Removes the item with this id; false when none. The caller holds the write lock.</summary>
    public bool Remove(Guid id)
    {
        var snapshot = _snapshot;
        if (snapshot.ChunkCount == 0)
        {
            return false;
        }

        var at = snapshot.ChunkFor(id);
        var chunk = snapshot.Chunks[at];
        var index = chunk.Search(id, chunk.Count);
        if (index < 0)
        {
            return false;
        }

        KeysetChunk[] replacement = chunk.Count == 1 ? [] : [chunk.CopyWithout(index)];
        if (ReferenceEquals(chunk, _tail))
        {
            _tail = replacement is [var shrunk] ? shrunk : null;
        }

        Publish(Replace(snapshot, at, replacement));
        return true;
    }

    // An item that sorts before the last one: copies the chunk it goes into, splitting it in two when it is full.
    private void InsertInto(KeysetSnapshot snapshot, StoredIdentity item)
    {
        var at = snapshot.ChunkFor(item.Id);
        var isLast = at == snapshot.ChunkCount - 1;
        var chunk = snapshot.Chunks[at];
        var position = chunk.Search(item.Id, chunk.Count);
        if (position >= 0)
        {
            throw new InvalidOperationException("The id is already in the keyset order.");
        }

        var index = ~position;
        if (chunk.Count < KeysetChunk.Capacity)
        {
            var grown = chunk.CopyWithInsert(index, item);
            if (isLast)
            {
                // A superset of the last chunk: readers may see either, so replace it in place.
                _tail = grown;
                Volatile.Write(ref snapshot.Chunks[at], grown);
                return;
            }

            Publish(Replace(snapshot, at, [grown]));
            return;
        }

        var all = new StoredIdentity[KeysetChunk.Capacity + 1];
        Array.Copy(chunk.Items, 0, all, 0, index);
        all[index] = item;
        Array.Copy(chunk.Items, index, all, index + 1, KeysetChunk.Capacity - index);
        var half = all.Length / 2;
        var left = KeysetChunk.Of(all.AsSpan(0, half));
        var right = KeysetChunk.Of(all.AsSpan(half));
        if (isLast)
        {
            _tail = right;
        }

        Publish(Replace(snapshot, at, [left, right]));
    }

    private void AppendChunk(KeysetSnapshot snapshot, StoredIdentity item)
    {
        var chunk = KeysetChunk.Of([item]);
        _tail = chunk;
        var chunks = snapshot.Chunks;
        var count = snapshot.ChunkCount;
        if (count == chunks.Length)
        {
            // Slots below count are seen by readers of older snapshots: grow into a new array.
            Array.Resize(ref chunks, Math.Max(4, count * 2));
        }

        // Slot count is beyond every published snapshot's chunk count, so it is free to write.
        chunks[count] = chunk;
        Publish(new KeysetSnapshot(chunks, count + 1));
    }

    // A new snapshot with the chunk at `at` replaced by `replacement` (none, one or two chunks), in a new array.
    private static KeysetSnapshot Replace(KeysetSnapshot snapshot, int at, ReadOnlySpan<KeysetChunk> replacement)
    {
        var chunks = snapshot.Chunks;
        var count = snapshot.ChunkCount;
        var length = count - 1 + replacement.Length;
        var result = new KeysetChunk[Math.Max(4, length + (length >> 2))];
        Array.Copy(chunks, 0, result, 0, at);
        replacement.CopyTo(result.AsSpan(at));
        Array.Copy(chunks, at + 1, result, at + replacement.Length, count - at - 1);
        return new KeysetSnapshot(result, length);
    }

    private void Publish(KeysetSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);
}
