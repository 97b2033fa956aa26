using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A hash index from unique keys to stored identities with one writer at a time (the store's write lock) and any number
/// of lock-free readers: open addressing with linear probing over a table of entries, kept in pages that stay off the
/// large object heap.
/// </summary>
/// <remarks>
/// <para>
/// Unlike <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey,TValue}"/>, an entry is a struct in the
/// table, not a node object: inserting allocates nothing until the table grows, and growing copies the entries once
/// instead of allocating a node for each.
/// </para>
/// <para>
/// How readers stay safe without a lock: a slot's key and hash are written before the slot is published (a volatile
/// write of its <c>Used</c> flag) and never change afterwards while the table is current. Removing a key clears only
/// the slot's value (the slot stays as a tombstone holding its key, so probe chains stay intact, and the same key can
/// take the slot again); other keys never reuse it. When used slots pass three quarters of the table, the writer copies
/// the live entries into a new table and publishes it; a reader still walking the old table sees the state from before,
/// as if it had read a moment earlier. Callers check what they find against the identity's current record.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key; compared with <see cref="EqualityComparer{T}.Default"/> (ordinal for strings).</typeparam>
internal sealed class IdentityIndex<TKey>
    where TKey : notnull
{
    private const int MinCapacity = 16;

    private Table _table = new(MinCapacity);

    // Written only by the writer (under the store's write lock).
    private int _used;
    private int _live;

    /// <summary>The identity holding <paramref name="key"/>, or null. Lock-free.</summary>
    public StoredIdentity? Find(TKey key)
    {
        var table = Volatile.Read(ref _table);
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        var mask = table.Capacity - 1;
        for (var i = table.SlotOf(hash); ; i = (i + 1) & mask)
        {
            ref var entry = ref table.At(i);
            if (Volatile.Read(ref entry.Used) == 0)
            {
                return null;
            }

            if (entry.Hash == hash && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                return Volatile.Read(ref entry.Value);
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is held. Lock-free.</summary>
    public bool Contains(TKey key) => Find(key) is not null;

    /// <summary>Points <paramref name="key"/> at <paramref name="value"/> unless it is held already. Writer only.</summary>
    /// <returns>False when the key is held (by any identity, including <paramref name="value"/>).</returns>
    public bool TryAdd(TKey key, StoredIdentity value)
    {
        EnsureRoom();
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        ref var entry = ref Slot(key, hash, out var found);
        if (found && entry.Value is not null)
        {
            return false;
        }

        Publish(ref entry, key, hash, value, found);
        return true;
    }

    /// <summary>Points <paramref name="key"/> at <paramref name="value"/>, whoever held it. Writer only.</summary>
    public void Set(TKey key, StoredIdentity value)
    {
        EnsureRoom();
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        ref var entry = ref Slot(key, hash, out var found);
        if (found && entry.Value is not null)
        {
            Volatile.Write(ref entry.Value, value);
            return;
        }

        Publish(ref entry, key, hash, value, found);
    }

    /// <summary>Removes <paramref name="key"/> if it points at <paramref name="owner"/>. Writer only.</summary>
    public void Remove(TKey key, StoredIdentity owner)
    {
        ref var entry = ref Slot(key, EqualityComparer<TKey>.Default.GetHashCode(key), out var found);
        if (found && ReferenceEquals(entry.Value, owner))
        {
            Volatile.Write(ref entry.Value, null);
            _live--;
        }
    }

    /// <summary>Removes <paramref name="key"/> and returns the identity that held it, or null. Writer only.</summary>
    public StoredIdentity? Remove(TKey key)
    {
        ref var entry = ref Slot(key, EqualityComparer<TKey>.Default.GetHashCode(key), out var found);
        var value = found ? entry.Value : null;
        if (value is not null)
        {
            Volatile.Write(ref entry.Value, null);
            _live--;
        }

        return value;
    }

    // Rebuilds the table when one more used slot would pass the load factor, so that an add always finds an empty slot.
    private void EnsureRoom()
    {
        if ((_used + 1) * 4L > _table.Capacity * 3L)
        {
            Rebuild();
        }
    }

    // Fills an empty slot, or revives this key's tombstone.
    private void Publish(ref Entry entry, TKey key, int hash, StoredIdentity value, bool revive)
    {
        if (revive)
        {
            Volatile.Write(ref entry.Value, value);
            _live++;
            return;
        }

        entry.Key = key;
        entry.Hash = hash;
        entry.Value = value;
        Volatile.Write(ref entry.Used, 1);
        _used++;
        _live++;
    }

    // The slot holding key (found) or the empty slot ending its probe chain (not found); hash is the key's hash.
    private ref Entry Slot(TKey key, int hash, out bool found)
    {
        var table = _table;
        var mask = table.Capacity - 1;
        for (var i = table.SlotOf(hash); ; i = (i + 1) & mask)
        {
            ref var entry = ref table.At(i);
            if (entry.Used == 0)
            {
                found = false;
                return ref entry;
            }

            if (entry.Hash == hash && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                found = true;
                return ref entry;
            }
        }
    }

    // Copies the live entries (dropping tombstones) into a table with room for at least as many again, then publishes it.
    private void Rebuild()
    {
        var capacity = MinCapacity;
        while (capacity < (_live + 1) * 2L)
        {
            capacity *= 2;
        }

        var table = new Table(capacity);
        var mask = capacity - 1;
        foreach (var page in _table.Pages)
        {
            foreach (ref var old in page.AsSpan())
            {
                if (old.Value is null)
                {
                    continue;
                }

                var i = table.SlotOf(old.Hash);
                while (table.At(i).Used != 0)
                {
                    i = (i + 1) & mask;
                }

                table.At(i) = old;
            }
        }

        _used = _live;
        Volatile.Write(ref _table, table);
    }

    private struct Entry
    {
        public TKey Key;
        public StoredIdentity? Value;
        public int Hash;
        public int Used;
    }

    // The slots, split into pages small enough to stay off the large object heap: a growing index then allocates like
    // any other young object instead of taking fresh large-object memory (page faults, and gen-2 collections once the
    // large-object budget is spent) on every rebuild.
    private sealed class Table
    {
        // The most entries a page holds: a power of two whose page stays under the runtime's 85,000-byte large-object threshold.
        private static readonly int PageSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(80_000 / Unsafe.SizeOf<Entry>()) + 1) / 2;
        private static readonly int PageShift = System.Numerics.BitOperations.Log2((uint)PageSize);

        // Fibonacci hashing spreads every bit of the hash over the slot index (capacity is a power of two).
        private readonly int _shift;

        public Table(int capacity)
        {
            Capacity = capacity;
            _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
            var pageSize = Math.Min(capacity, PageSize);
            Pages = new Entry[capacity / pageSize][];
            for (var i = 0; i < Pages.Length; i++)
            {
                Pages[i] = new Entry[pageSize];
            }
        }

        /// <summary>The number of slots, a power of two.</summary>
        public int Capacity { get; }

        /// <summary>The slots in order, <see cref="PageSize"/> per page (one smaller page when the table is smaller).</summary>
        public Entry[][] Pages { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int SlotOf(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> _shift);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref Entry At(int slot) => ref Pages[slot >> PageShift][slot & (PageSize - 1)];
    }
}
