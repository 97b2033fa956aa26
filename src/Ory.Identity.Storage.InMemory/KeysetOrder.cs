namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The stored identities sorted by id in <see cref="GuidOrder"/>, for keyset pages: one writer at a time (the store's
/// write lock), any number of lock-free readers.
/// </summary>
/// <remarks>
/// <para>
/// Items live in chunks of at most <see cref="ChunkCapacity"/>. A reader takes a <see cref="Snapshot"/> (a chunk array
/// and a chunk count); chunks are never changed in place except the tail chunk, to which a writer may append (write
/// the slot, then publish the larger count). Ids are UUIDv7 (time-ordered), so almost every insert is such an append:
/// O(1), no allocation. Any other change copies the chunk it touches (O(<see cref="ChunkCapacity"/>)) and, unless it
/// only replaces the last chunk by a superset of it, the chunk array (O(n / <see cref="ChunkCapacity"/>)).
/// </para>
/// <para>
/// A reader walking a snapshot may also see items appended to the tail or inserted into the last chunk after it took
/// the snapshot; those sort after or among the last chunk's items, so every walk is in ascending order and sees every
/// item that was stored throughout the walk.
/// </para>
/// </remarks>
internal sealed class KeysetOrder
{
    public const int ChunkCapacity = 128;

    private Snapshot _snapshot = new([], 0);

    // The chunk a writer may append to in place: the last chunk, created by this writer and not yet followed or replaced.
    private Chunk? _tail;

    /// <summary>The current state, for readers.</summary>
    public Snapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Adds an item whose id is not stored yet. The caller holds the write lock.</summary>
    public void Add(StoredIdentity item)
    {
        var snapshot = _snapshot;
        var chunks = snapshot.Chunks;
        var count = snapshot.ChunkCount;
        if (count == 0)
        {
            AppendChunk(snapshot, item);
            return;
        }

        var last = chunks[count - 1];
        var lastCount = last.Count;
        if (GuidOrder.Instance.Compare(item.Id, last.Items[lastCount - 1].Id) > 0)
        {
            if (ReferenceEquals(last, _tail) && lastCount < ChunkCapacity)
            {
                last.Items[lastCount] = item;
                last.Count = lastCount + 1; // Publishes the slot (a volatile write).
                return;
            }

            AppendChunk(snapshot, item);
            return;
        }

        var at = FindChunk(chunks, count, item.Id);
        var chunk = chunks[at];
        var position = chunk.Search(item.Id);
        if (position >= 0)
        {
            throw new InvalidOperationException("The id is already in the keyset order.");
        }

        var index = ~position;
        if (chunk.Count < ChunkCapacity)
        {
            var grown = chunk.CopyWithInsert(index, item);
            if (at == count - 1)
            {
                // A superset of the last chunk: readers may see either, so replace it in place.
                _tail = grown;
                Volatile.Write(ref chunks[at], grown);
                return;
            }

            Publish(ReplaceAt(chunks, count, at, [grown]));
            return;
        }

        // Split a full chunk in two halves around the new item.
        var all = new StoredIdentity[ChunkCapacity + 1];
        Array.Copy(chunk.Items, 0, all, 0, index);
        all[index] = item;
        Array.Copy(chunk.Items, index, all, index + 1, ChunkCapacity - index);
        var half = all.Length / 2;
        var left = Chunk.From(all.AsSpan(0, half));
        var right = Chunk.From(all.AsSpan(half));
        if (at == count - 1)
        {
            _tail = right;
        }

        Publish(ReplaceAt(chunks, count, at, [left, right]));
    }

    /// <summary>Removes the item with this id; false when none. The caller holds the write lock.</summary>
    public bool Remove(Guid id)
    {
        var snapshot = _snapshot;
        var chunks = snapshot.Chunks;
        var count = snapshot.ChunkCount;
        if (count == 0)
        {
            return false;
        }

        var at = FindChunk(chunks, count, id);
        var chunk = chunks[at];
        var index = chunk.Search(id);
        if (index < 0)
        {
            return false;
        }

        var wasTail = ReferenceEquals(chunk, _tail);
        if (chunk.Count == 1)
        {
            if (wasTail)
            {
                _tail = null;
            }

            Publish(ReplaceAt(chunks, count, at, []));
            return true;
        }

        var shrunk = chunk.CopyWithout(index);
        if (wasTail)
        {
            _tail = shrunk;
        }

        Publish(ReplaceAt(chunks, count, at, [shrunk]));
        return true;
    }

    // The index of the chunk that holds id or should: the last chunk whose first id is not greater than id (0 if none).
    private static int FindChunk(Chunk[] chunks, int count, Guid id)
    {
        int lo = 0, hi = count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (GuidOrder.Instance.Compare(chunks[mid].Items[0].Id, id) <= 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void AppendChunk(Snapshot snapshot, StoredIdentity item)
    {
        var chunk = new Chunk(new StoredIdentity[ChunkCapacity], 1);
        chunk.Items[0] = item;
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
        Volatile.Write(ref _snapshot, new Snapshot(chunks, count + 1));
    }

    private static Snapshot ReplaceAt(Chunk[] chunks, int count, int at, ReadOnlySpan<Chunk> replacement)
    {
        var length = count - 1 + replacement.Length;
        var result = new Chunk[Math.Max(4, length + (length >> 2))];
        Array.Copy(chunks, 0, result, 0, at);
        replacement.CopyTo(result.AsSpan(at));
        Array.Copy(chunks, at + 1, result, at + replacement.Length, count - at - 1);
        return new Snapshot(result, length);
    }

    private void Publish(Snapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    /// <summary>A sorted run of items. Only the tail chunk changes after publication, and only by appending.</summary>
    internal sealed class Chunk
    {
        private int _count;

        public Chunk(StoredIdentity[] items, int count)
        {
            Items = items;
            _count = count;
        }

        public StoredIdentity[] Items { get; }

        public int Count
        {
            get => Volatile.Read(ref _count);
            set => Volatile.Write(ref _count, value);
        }

        public static Chunk From(ReadOnlySpan<StoredIdentity> items)
        {
            var array = new StoredIdentity[ChunkCapacity];
            items.CopyTo(array);
            return new Chunk(array, items.Length);
        }

        /// <summary>The index of id, or the bitwise complement of where it would go.</summary>
        public int Search(Guid id) => Search(id, Count);

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

        public Chunk CopyWithInsert(int index, StoredIdentity item)
        {
            var count = Count;
            var array = new StoredIdentity[ChunkCapacity];
            Array.Copy(Items, 0, array, 0, index);
            array[index] = item;
            Array.Copy(Items, index, array, index + 1, count - index);
            return new Chunk(array, count + 1);
        }

        public Chunk CopyWithout(int index)
        {
            var count = Count;
            var array = new StoredIdentity[ChunkCapacity];
            Array.Copy(Items, 0, array, 0, index);
            Array.Copy(Items, index + 1, array, index, count - index - 1);
            return new Chunk(array, count - 1);
        }
    }

    /// <summary>What a reader walks: the first <see cref="ChunkCount"/> chunks of <see cref="Chunks"/>.</summary>
    internal sealed class Snapshot(Chunk[] chunks, int chunkCount)
    {
        public Chunk[] Chunks { get; } = chunks;

        public int ChunkCount { get; } = chunkCount;

        /// <summary>Calls <paramref name="visit"/> on the items with an id after <paramref name="after"/>, ascending, until it returns false.</summary>
        public void ForEachAfter<TState>(Guid after, ref TState state, Visitor<TState> visit)
        {
            var count = ChunkCount;
            if (count == 0)
            {
                return;
            }

            var chunks = Chunks;
            var at = FindChunk(chunks, count, after);
            var chunk = Volatile.Read(ref chunks[at]);
            var items = chunk.Count;
            var position = chunk.Search(after, items);
            var start = position >= 0 ? position + 1 : ~position;
            while (true)
            {
                for (var i = start; i < items; i++)
                {
                    if (!visit(chunk.Items[i], ref state))
                    {
                        return;
                    }
                }

                if (++at == count)
                {
                    return;
                }

                chunk = Volatile.Read(ref chunks[at]);
                items = chunk.Count;
                start = 0;
            }
        }
    }

    /// <summary>Visits one item; returns false to stop.</summary>
    internal delegate bool Visitor<TState>(StoredIdentity item, ref TState state);
}
