namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// What a reader of a <see cref="KeysetOrder"/> walks: the first <see cref="ChunkCount"/> chunks of
/// <see cref="Chunks"/>, ascending by id in <see cref="GuidOrder"/>.
/// </summary>
/// <remarks>
/// A walk may also see items that the writer appended to the tail chunk, or inserted into a copy of the last chunk,
/// after it took the snapshot; those sort after or among the last chunk's items, so every walk is in ascending order and
/// sees every item that was stored throughout the walk.
/// </remarks>
internal sealed class KeysetSnapshot(KeysetChunk[] chunks, int chunkCount)
{
    /// <summary>The chunks; slots from <see cref="ChunkCount"/> on are not part of this snapshot.</summary>
    public KeysetChunk[] Chunks { get; } = chunks;

    /// <summary>How many chunks this snapshot holds.</summary>
    public int ChunkCount { get; } = chunkCount;

    /// <summary>The items with an id after <paramref name="after"/>, ascending.</summary>
    public ItemsAfter After(Guid after) => new(this, after);

    /// <summary>The index of the chunk that holds <paramref name="id"/> or should: the last whose first id is not greater (0 if none).</summary>
    public int ChunkFor(Guid id)
    {
        int lo = 0, hi = ChunkCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (GuidOrder.Instance.Compare(Chunks[mid].Items[0].Id, id) <= 0)
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

    /// <summary>The items of a snapshot after an id, for <c>foreach</c> (no allocation).</summary>
    internal readonly struct ItemsAfter(KeysetSnapshot snapshot, Guid after)
    {
        /// <summary>Starts the walk.</summary>
        public Enumerator GetEnumerator() => new(snapshot, after);
    }

    /// <summary>Walks the chunks from the one holding the start position, re-reading each chunk's count as it reaches it.</summary>
    internal struct Enumerator
    {
        private readonly KeysetSnapshot _snapshot;
        private KeysetChunk? _chunk;
        private int _chunkIndex;
        private int _position;
        private int _count;

        public Enumerator(KeysetSnapshot snapshot, Guid after)
        {
            _snapshot = snapshot;
            if (snapshot.ChunkCount == 0)
            {
                return;
            }

            _chunkIndex = snapshot.ChunkFor(after);
            _chunk = Volatile.Read(ref snapshot.Chunks[_chunkIndex]);
            _count = _chunk.Count;
            var found = _chunk.Search(after, _count);
            _position = (found >= 0 ? found + 1 : ~found) - 1;
        }

        /// <summary>The item the walk is at.</summary>
        public readonly StoredIdentity Current => _chunk!.Items[_position];

        /// <summary>Steps to the next item; false at the end.</summary>
        public bool MoveNext()
        {
            if (_chunk is null)
            {
                return false;
            }

            while (++_position >= _count)
            {
                if (++_chunkIndex >= _snapshot.ChunkCount)
                {
                    _chunk = null;
                    return false;
                }

                _chunk = Volatile.Read(ref _snapshot.Chunks[_chunkIndex]);
                _count = _chunk.Count;
                _position = -1;
            }

            return true;
        }
    }
}
