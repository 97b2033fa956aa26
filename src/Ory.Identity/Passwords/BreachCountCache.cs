using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The in-process cache of breach counts by upper-case SHA-1 hex (prefix and suffix), as Kratos keeps one: entries
/// live one hour on the injected clock, and past <see cref="Capacity"/> the least recently used entry is dropped.
/// Thread-safe.
/// </summary>
internal sealed class BreachCountCache(OryIdentityClock clock, int capacity = BreachCountCache.DefaultCapacity)
{
    /// <summary>The default capacity: about a hundred range answers.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>How long an entry lives, as in Kratos.</summary>
    public static readonly Duration TimeToLive = Duration.FromHours(1);

    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>How many entries the cache keeps at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many entries the cache holds now (expired ones included until they are read or pushed out).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached count of a hash, if present and not expired.</summary>
    public bool TryGet(string hash, out long count)
    {
        var now = clock.Now();
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var node))
            {
                if (node.Value.ExpiresAt > now)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    count = node.Value.Count;
                    return true;
                }

                _recency.Remove(node);
                _entries.Remove(hash);
            }
        }

        count = 0;
        return false;
    }

    /// <summary>Caches the count of a hash for <see cref="TimeToLive"/>.</summary>
    public void Set(string hash, long count)
    {
        var entry = new Entry(hash, count, clock.Now() + TimeToLive);
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var node))
            {
                _recency.Remove(node);
            }

            _entries[hash] = _recency.AddFirst(entry);
            if (_entries.Count > Capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Hash);
            }
        }
    }

    private sealed record Entry(string Hash, long Count, Instant ExpiresAt);
}
