using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A hash index from unique keys to stored identities with one writer at a time (the store's write lock) and any number
/// of lock-free readers: open addressing with linear probing over a compact slot array, the keys and values kept apart
/// in insertion order.
/// </summary>
/// <remarks>
/// <para>
/// Unlike <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey,TValue}"/>, an entry is a struct, not a
/// node object: inserting allocates nothing until the table grows, and growing copies the entries once instead of
/// allocating a node for each.
/// </para>
/// <para>
/// Why two arrays: a slot is eight bytes (the key's hash and its entry's position), so the part of the table that is
/// probed at random stays small enough to be in the processor's cache, while new entries are appended one after the
/// other. With the entries in the slots, a profile of identity creation found each of its four index probes waiting
/// on memory. Both arrays are kept in pages that stay off the large object heap, so that a growing index allocates like
/// any other young object (no fresh large-object memory, no gen-2 collections once the large-object budget is spent).
/// </para>
/// <para>
/// Each key has two lanes, each pointing at its own identity or at none: one index serves two sets of unique values
/// over the same keys (an identity's verification addresses and its recovery addresses, usually the same e-mail), so a
/// key in both costs one probe, one slot and one entry. An index used for one set uses lane 0 only.
/// </para>
/// <para>
/// How readers stay safe without a lock: an entry's key is written before its slot is published (one volatile write of
/// the slot's hash and position) and never changes afterwards, nor does its position. Removing a key from a lane clears
/// only that lane of the entry (with both lanes clear the slot stays as a tombstone, so probe chains stay intact, and
/// the same key can take it again); other keys never reuse it. When used slots pass three quarters of the table, the
/// writer builds new slots for the live entries and publishes them; the entries stay where they are (and are shared
/// with the old slots) unless removed ones make up half of them, when the live ones are copied into a new list. A reader
/// still walking the old table sees the state from before, as if it had read a moment earlier. Callers check what they
/// find against the identity's current record.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key; compared with <see cref="EqualityComparer{T}.Default"/> (ordinal for strings).</typeparam>
internal sealed class IdentityIndex<TKey>
    where TKey : notnull
{
    private const int MinCapacity = 16;

    private Table _table = new(MinCapacity, new EntryList());

    // Written only by the writer (under the store's write lock): the keys held in either lane, and the used slots.
    private int _live;
    private int _used;

    /// <summary>The identity holding <paramref name="key"/> in <paramref name="lane"/> (0 or 1), or null. Lock-free.</summary>
    public StoredIdentity? Find(TKey key, int lane = 0)
    {
        var table = Volatile.Read(ref _table);
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        var mask = table.Capacity - 1;
        for (var i = table.SlotOf(hash); ; i = (i + 1) & mask)
        {
            var slot = Volatile.Read(ref table.Slots[i]);
            if (slot == 0)
            {
                return null;
            }

            if (Table.HashOf(slot) == hash)
            {
                ref var entry = ref table.Entries[Table.EntryOf(slot)];
                if (EqualityComparer<TKey>.Default.Equals(entry.Key, key))
                {
                    return Volatile.Read(ref entry.Owner(lane));
                }
            }
        }
    }

    /// <summary>
    /// Reads the first slot <paramref name="key"/> probes and returns it, so that a caller about to probe several indexes
    /// can start all their memory reads at once: the reads do not depend on each other, so the processor waits for
    /// them together instead of one after the other.
    /// </summary>
    public long Touch(TKey key)
    {
        var table = Volatile.Read(ref _table);
        return table.Slots[table.SlotOf(EqualityComparer<TKey>.Default.GetHashCode(key))];
    }

    /// <summary>Whether <paramref name="key"/> is held in <paramref name="lane"/>. Lock-free.</summary>
    public bool Contains(TKey key, int lane = 0) => Find(key, lane) is not null;

    /// <summary>Points <paramref name="key"/>'s <paramref name="lane"/> at <paramref name="value"/> unless it is held already. Writer only.</summary>
    /// <returns>False when the lane is held (by any identity, including <paramref name="value"/>).</returns>
    public bool TryAdd(TKey key, StoredIdentity value, int lane = 0) => Put(key, value, lane, replace: false);

    /// <summary>Points <paramref name="key"/>'s <paramref name="lane"/> at <paramref name="value"/>, whoever held it. Writer only.</summary>
    public void Set(TKey key, StoredIdentity value, int lane = 0) => Put(key, value, lane, replace: true);

    /// <summary>Removes <paramref name="key"/> from <paramref name="lane"/> if it points at <paramref name="owner"/> there. Writer only.</summary>
    public void Remove(TKey key, StoredIdentity owner, int lane = 0)
    {
        SlotOf(key, EqualityComparer<TKey>.Default.GetHashCode(key), out var entry);
        if (entry >= 0 && ReferenceEquals(_table.Entries[entry].Owner(lane), owner))
        {
            Clear(ref _table.Entries[entry], lane);
        }
    }

    /// <summary>Removes <paramref name="key"/> from <paramref name="lane"/> and returns the identity that held it there, or null. Writer only.</summary>
    public StoredIdentity? Remove(TKey key, int lane = 0)
    {
        SlotOf(key, EqualityComparer<TKey>.Default.GetHashCode(key), out var entry);
        var value = entry >= 0 ? _table.Entries[entry].Owner(lane) : null;
        if (value is not null)
        {
            Clear(ref _table.Entries[entry], lane);
        }

        return value;
    }

    // Points key's lane at value: appends a new key, takes a free lane of a known one (reviving the key when both were
    // free), or re-points a held lane when replace is set. False only when the lane is held and not replaced.
    private bool Put(TKey key, StoredIdentity value, int lane, bool replace)
    {
        EnsureRoom();
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        var slot = SlotOf(key, hash, out var entry);
        if (entry < 0)
        {
            Append(slot, key, hash, value, lane);
            return true;
        }

        ref var existing = ref _table.Entries[entry];
        ref var owner = ref existing.Owner(lane);
        if (owner is null)
        {
            if (!existing.IsLive)
            {
                _live++;
            }

            Volatile.Write(ref owner, value);
            return true;
        }

        if (replace)
        {
            Volatile.Write(ref owner, value);
        }

        return replace;
    }

    // Frees the entry's lane; the key stops being live when neither lane is held.
    private void Clear(ref Entry entry, int lane)
    {
        Volatile.Write(ref entry.Owner(lane), null);
        if (!entry.IsLive)
        {
            _live--;
        }
    }

    // Rebuilds the table when one more used slot would pass the load factor, so that an add always finds an empty slot.
    private void EnsureRoom()
    {
        if ((_used + 1) * 4L > _table.Capacity * 3L)
        {
            Rebuild();
        }
    }

    // Appends the entry, then publishes it in the empty slot that ends the key's probe chain.
    private void Append(int slot, TKey key, int hash, StoredIdentity value, int lane)
    {
        var table = _table;
        var entry = new Entry { Key = key };
        entry.Owner(lane) = value;
        var position = table.Entries.Add(entry);
        Volatile.Write(ref table.Slots[slot], Table.Pack(hash, position));
        _used++;
        _live++;
    }

    // The slot holding key (entry is its position) or the empty slot ending its probe chain (entry is -1).
    private int SlotOf(TKey key, int hash, out int entry)
    {
        var table = _table;
        var mask = table.Capacity - 1;
        for (var i = table.SlotOf(hash); ; i = (i + 1) & mask)
        {
            var slot = table.Slots[i];
            if (slot == 0)
            {
                entry = -1;
                return i;
            }

            if (Table.HashOf(slot) == hash && EqualityComparer<TKey>.Default.Equals(table.Entries[Table.EntryOf(slot)].Key, key))
            {
                entry = Table.EntryOf(slot);
                return i;
            }
        }
    }

    // Builds slots with room for at least as many live keys again and publishes them. The entries are kept, unless
    // removed ones make up half of them: then the live ones are copied into a new list (dropping the tombstones).
    private void Rebuild()
    {
        var capacity = MinCapacity;
        while (capacity < (_live + 1) * 2L)
        {
            capacity *= 2;
        }

        var old = _table;
        var entries = old.Entries;
        var compact = (entries.Count - _live) * 2L >= entries.Count && entries.Count > 0;
        var table = new Table(capacity, compact ? new EntryList() : entries);
        var mask = capacity - 1;
        var count = entries.Count;
        for (var i = 0; i < count; i++)
        {
            ref var entry = ref entries[i];
            if (!entry.IsLive)
            {
                continue;
            }

            var hash = EqualityComparer<TKey>.Default.GetHashCode(entry.Key);
            var slot = table.SlotOf(hash);
            while (table.Slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            var position = compact ? table.Entries.Add(entry) : i;
            table.Slots[slot] = Table.Pack(hash, position);
        }

        _used = _live;
        Volatile.Write(ref _table, table);
    }

    private struct Entry
    {
        public TKey Key;
        public StoredIdentity? First;
        public StoredIdentity? Second;

        /// <summary>Whether either lane is held.</summary>
        public readonly bool IsLive => First is not null || Second is not null;

        /// <summary>The owner field of <paramref name="lane"/>: <see cref="First"/> for 0, <see cref="Second"/> for 1.</summary>
        [UnscopedRef]
        public ref StoredIdentity? Owner(int lane) => ref lane == 0 ? ref First : ref Second;
    }

    // The keys and values in insertion order, in pages that stay off the large object heap; positions never change.
    // Shared by successive tables until it is compacted.
    private sealed class EntryList
    {
        private static readonly int PageSize = PagedArray<Entry>.PageSize;
        private static readonly int PageShift = PagedArray<Entry>.PageShift;

        // Replaced (by a longer copy) when full; a reader reads it after the slot that led it here, so it sees every
        // page that slot's entry is in.
        private Entry[]?[] _pages = new Entry[]?[1];

        /// <summary>The entries appended so far. Written by the writer only.</summary>
        public int Count { get; private set; }

        public ref Entry this[int position]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref Volatile.Read(ref _pages)[position >> PageShift]![position & (PageSize - 1)];
        }

        /// <summary>Appends an entry and returns its position. Writer only; published by the caller's slot write.</summary>
        public int Add(in Entry entry)
        {
            var position = Count;
            var pages = _pages;
            var page = position >> PageShift;
            if (page == pages.Length)
            {
                Array.Resize(ref pages, pages.Length * 2);
                Volatile.Write(ref _pages, pages);
            }

            // The first page grows to full size while the list is small, so that a small index stays small; a grown
            // copy replaces it before its new entry is published (readers of the old copy see the state from before).
            var entries = pages[page];
            var offset = position & (PageSize - 1);
            if (entries is null || offset == entries.Length)
            {
                var grown = new Entry[page > 0 ? PageSize : Math.Min(PageSize, Math.Max(16, offset * 2))];
                entries?.CopyTo(grown, 0);
                Volatile.Write(ref pages[page], grown);
                entries = grown;
            }

            entries[offset] = entry;
            Count = position + 1;
            return position;
        }
    }

    private sealed class Table
    {
        // Fibonacci hashing spreads every bit of the hash over the slot index (capacity is a power of two).
        private readonly int _shift;

        public Table(int capacity, EntryList entries)
        {
            Capacity = capacity;
            _shift = 32 - BitOperations.Log2((uint)capacity);
            Slots = new PagedArray<long>(capacity);
            Entries = entries;
        }

        /// <summary>The number of slots, a power of two.</summary>
        public int Capacity { get; }

        /// <summary>Per slot: 0 when empty, else the key's hash and its entry's position (<see cref="Pack"/>).</summary>
        public PagedArray<long> Slots { get; }

        /// <summary>The keys and values the slots point into.</summary>
        public EntryList Entries { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int SlotOf(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> _shift);

        // Position + 1 in the low half, so that no used slot is 0.
        public static long Pack(int hash, int position) => ((long)hash << 32) | (uint)(position + 1);

        public static int HashOf(long slot) => (int)(slot >> 32);

        public static int EntryOf(long slot) => (int)slot - 1;
    }
}
