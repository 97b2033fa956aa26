using System.Collections.Concurrent;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Limits recovery messages per address (<c>selfservice.flows.recovery.rate_limit</c>): a fixed window per address,
/// keyed by the address's keyed hash so no address is held in memory. Counted per process.
/// </summary>
internal sealed class RecoveryMessageRateLimiter(RecoverySettings settings, RecoverySecretHasher hasher, OryIdentityClock clock)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts a message to <paramref name="normalizedAddress"/>; false when the address is over its limit.</summary>
    public bool TryAcquire(string normalizedAddress)
    {
        if (settings.RateLimitMessages == 0)
        {
            return true;
        }

        var now = clock.Clock.GetCurrentInstant();
        if (_windows.Count > PruneThreshold)
        {
            Prune(now);
        }

        var key = hasher.Hash("rate-limit:" + normalizedAddress);
        var window = _windows.AddOrUpdate(
            key,
            static (_, state) => new Window(state.Now, 1),
            static (_, current, state) => state.Now >= current.Start + state.Length ? new Window(state.Now, 1) : current with { Count = current.Count + 1 },
            (Now: now, Length: settings.RateLimitWindow));
        return window.Count <= settings.RateLimitMessages;
    }

    private void Prune(Instant now)
    {
        foreach (var (key, window) in _windows)
        {
            if (now >= window.Start + settings.RateLimitWindow)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Window(Instant Start, int Count);
}
