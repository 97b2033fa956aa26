using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// Persists login and settings flows (recovery flows live in <see cref="IRecoveryStore"/>). Updates are atomic. Every
/// store passes the conformance kit in <c>Ory.Identity.Storage.Specification</c>.
/// </summary>
public interface ISelfServiceFlowStore
{
    /// <summary>Inserts a new flow.</summary>
    ValueTask InsertAsync(SelfServiceFlowRecord flow, CancellationToken cancellationToken = default);

    /// <summary>Reads a flow of the given kind; null when none (a flow of another kind is none).</summary>
    ValueTask<SelfServiceFlowRecord?> GetAsync(Guid flowId, SelfServiceFlowKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a flow with <paramref name="update"/> applied to its latest state, atomically (the delegate may run more
    /// than once and must be free of side effects; it may not change the id or kind). Returns the stored flow, or null
    /// when no flow of this kind has this id.
    /// </summary>
    ValueTask<SelfServiceFlowRecord?> UpdateAsync(Guid flowId, SelfServiceFlowKind kind, Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update, CancellationToken cancellationToken = default);

    /// <summary>Deletes every flow of an identity; returns how many.</summary>
    ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default);

    /// <summary>Deletes flows that expired at or before <paramref name="before"/>; returns how many.</summary>
    ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default);
}
