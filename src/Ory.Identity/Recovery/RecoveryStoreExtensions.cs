using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Reads shared by the recovery services.</summary>
internal static class RecoveryStoreExtensions
{
    /// <summary>Reads a flow that exists and has not expired at <paramref name="now"/>.</summary>
    /// <exception cref="RecoveryFlowNotFoundException">No such flow.</exception>
    /// <exception cref="RecoveryFlowExpiredException">The flow expired.</exception>
    public static async Task<RecoveryFlowRecord> GetLiveFlowAsync(this IRecoveryStore store, Guid flowId, Instant now, CancellationToken cancellationToken)
    {
        var flow = await store.GetFlowAsync(flowId, cancellationToken).ConfigureAwait(false) ?? throw new RecoveryFlowNotFoundException();
        return now < flow.ExpiresAt ? flow : throw new RecoveryFlowExpiredException(flow.ExpiresAt, now);
    }
}
