using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Limits recovery messages per address (<c>selfservice.flows.recovery.rate_limit</c>): a fixed window per address,
/// kept in the store (<see cref="IRecoveryStore.TryCountMessageAsync"/>) so every instance on one database shares one
/// budget per address. The store sees only the address's keyed hash, never the address.
/// </summary>
internal sealed class RecoveryMessageRateLimiter(IRecoveryStore store, RecoverySettings settings, SecretHasher hasher, OryIdentityClock clock)
{
    /// <summary>Counts a message to <paramref name="normalizedAddress"/>; false when the address is over its limit.</summary>
    public ValueTask<bool> TryAcquireAsync(string normalizedAddress, CancellationToken cancellationToken)
    {
        if (settings.RateLimitMessages == 0)
        {
            return ValueTask.FromResult(true);
        }

        var key = hasher.Hash("rate-limit:" + normalizedAddress);
        return store.TryCountMessageAsync(key, settings.RateLimitMessages, clock.Now(), settings.RateLimitWindow, cancellationToken);
    }
}
