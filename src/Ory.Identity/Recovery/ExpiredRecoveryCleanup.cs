using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Deletes expired recovery flows and secrets now and then: issuing a link or code, or starting a flow, triggers
/// <see cref="IRecoveryStore.DeleteExpiredAsync"/> in the background at most once per <see cref="Interval"/>, so stores
/// do not grow without bound and no host needs a scheduler for it.
/// </summary>
internal sealed class ExpiredRecoveryCleanup(IRecoveryStore store, OryIdentityClock clock, ILogger<ExpiredRecoveryCleanup>? log = null)
{
    /// <summary>The least time between two cleanups.</summary>
    public static readonly Duration Interval = Duration.FromMinutes(5);

    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;
    private long _nextRunTicks = long.MinValue;

    /// <summary>Starts a cleanup in the background when the last one is at least <see cref="Interval"/> ago.</summary>
    public void Trigger()
    {
        var now = clock.Now();
        var next = Interlocked.Read(ref _nextRunTicks);
        if (now.ToUnixTimeTicks() < next
            || Interlocked.CompareExchange(ref _nextRunTicks, (now + Interval).ToUnixTimeTicks(), next) != next)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(now).ConfigureAwait(false);
                Log.ExpiredRecoveryDeleted(_logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ExpiredRecoveryCleanupFailed(_logger, e.GetType().Name);
            }
        });
    }
}
