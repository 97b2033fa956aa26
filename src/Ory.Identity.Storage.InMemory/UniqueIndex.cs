using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A hash index from unique keys to the stored identity holding each, with one writer at a time (the store's write
/// lock) and any number of lock-free readers: open addressing with linear probing over a compact slot array, the keys
/// and owners kept apart in insertion order.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey,TValue}"/>: its entries are node objects,
/// one allocated per key, which a create pays three or four times over; here an entry is a struct, so inserting
/// allocates nothing until the table grows, and growing copies the entries once instead of allocating a node for each.
/// </para>
/// <para>
/// Why two arrays: a slot is eight bytes (the key's hash and its entry's position), so the part of the table that is
/// probed at random stays small enough to be in the processor's cache, while new entries are appended one after the
/// other. With the entries in the slots, a profile of identity creation found each of its index probes waiting on
/// memory. Both arrays are kept in pages that stay off the large object heap (<see cref="PagedArray{T}"/>), so that a
/// growing index allocates like any other young object.
/// </para>
/// <para>
/// How readers stay safe without a lock: an entry's key is written before its slot is published (one volatile write of
/// the slot's hash and position) and never changes afterwards, nor does its position. Releasing a key clears only its
/// owner (the slot stays as a tombstone, so probe chains stay intact, and the same key can take it again); other keys
/// never reuse it. When used slots pass three quarters of the table, the writer builds new slots for the held keys and
/// publishes them; the entries stay where they are (and are shared with the old slots) unless released ones make up
/// half of them, when the held ones are copied into a new list. A reader still walking the old table sees the state
/// from before, as if it had read a moment earlier. Callers check what they find against the identity's current record.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key; compared with <see cref="EqualityComparer{T}.Default"/> (ordinal for strings).</typeparam>
internal sealed class UniqueIndex<TKey>
    where TKey : notnull
{
    private const int MinCapacity = 16;

    private Table _table = new(MinCapacity, new EntryList());

    // Written only by the writer (under the store's write lock): the keys held, and the used slots.
    private int _held;
    private int _used;

    /// <summary>The identity holding <paramref name="key"/>, or null. Lock-free.</summary>
    public StoredIdentity? Find(TKey key)
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
                    return Volatile.Read(ref entry.Owner);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is held. Lock-free.</summary>
    public bool Contains(TKey key) => Find(key) is not null;

    /// <summary>Makes <paramref name="owner"/> the holder of <paramref name="key"/> unless someone holds it already. Writer only.</summary>
    /// <returns>False when the key is held (by any identity, including <paramref name="owner"/>).</returns>
    public bool TryClaim(TKey key, StoredIdentity owner)
    {
        ref var holder = ref HolderOf(key);
        if (holder is not null)
        {
            return false;
        }

        Hold(ref holder, owner);
        return true;
    }

    /// <summary>Makes <paramref name="owner"/> the holder of <paramref name="key"/>, whoever held it. Writer only.</summary>
    public void Point(TKey key, StoredIdentity owner)
    {
        ref var holder = ref HolderOf(key);
        if (holder is null)
        {
            Hold(ref holder, owner);
            return;
        }

        Volatile.Write(ref holder, owner);
    }

    /// <summary>Releases <paramref name="key"/> if <paramref name="owner"/> holds it. Writer only.</summary>
    public void Release(TKey key, StoredIdentity owner)
    {
        var entry = EntryOf(key);
        if (entry >= 0 && ReferenceEquals(_table.Entries[entry].Owner, owner))
        {
            Free(ref _table.Entries[entry]);
        }
    }

    /// <summary>Releases <paramref name="key"/> and returns the identity that held it, or null. Writer only.</summary>
    public StoredIdentity? Remove(TKey key)
    {
        var entry = EntryOf(key);
        var owner = entry >= 0 ? _table.Entries[entry].Owner : null;
        if (owner is not null)
        {
            Free(ref _table.Entries[entry]);
        }

        return owner;
    }

    // The owner field of key's entry, appending an entry with no owner when the key is new. Writer only.
    private ref StoredIdentity? HolderOf(TKey key)
    {
        EnsureRoom();
        var hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        var slot = Probe(key, hash, out var entry);
        if (entry < 0)
        {
            entry = Append(slot, key, hash);
        }

        return ref _table.Entries[entry].Owner;
    }

    private void Hold(ref StoredIdentity? holder, StoredIdentity owner)
    {
        _held++;
        Volatile.Write(ref holder, owner);
    }

    private void Free(ref Entry entry)
    {
        Volatile.Write(ref entry.Owner, null);
        _held--;
    }

    // Rebuilds the table when one more used slot would pass the load factor, so that an append always finds an empty slot.
    private void EnsureRoom()
    {
        if ((_used + 1) * 4L > _table.Capacity * 3L)
        {
            Rebuild();
        }
    }

    // Appends an entry without an owner and publishes it in the empty slot that ends the key's probe chain; a reader
    // reaching it finds no holder until the caller sets one.
    private int Append(int slot, TKey key, int hash)
    {
        var table = _table;
        var position = table.Entries.Add(new Entry { Key = key });
        Volatile.Write(ref table.Slots[slot], Table.Pack(hash, position));
        _used++;
        return position;
    }

    // The position of key's entry, or -1.
    private int EntryOf(TKey key)
    {
        Probe(key, EqualityComparer<TKey>.Default.GetHashCode(key), out var entry);
        return entry;
    }

    // The slot holding key (entry is its position) or the empty slot ending its probe chain (entry is -1).
    private int Probe(TKey key, int hash, out int entry)
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

    // Builds slots with room for at least as many held keys again and publishes them. The entries are kept, unless
    // released ones make up half of them: then the held ones are copied into a new list (dropping the tombstones).
    private void Rebuild()
    {
        var capacity = MinCapacity;
        while (capacity < (_held + 1) * 2L)
        {
            capacity *= 2;
        }

        var old = _table;
        var entries = old.Entries;
        var compact = (entries.Count - _held) * 2L >= entries.Count && entries.Count > 0;
        var table = new Table(capacity, compact ? new EntryList() : entries);
        var mask = capacity - 1;
        var count = entries.Count;
        for (var i = 0; i < count; i++)
        {
            ref var entry = ref entries[i];
            if (entry.Owner is null)
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

        _used = _held;
        Volatile.Write(ref _table, table);
    }

    private struct Entry
    {
        public TKey Key;
        public StoredIdentity? Owner;
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
