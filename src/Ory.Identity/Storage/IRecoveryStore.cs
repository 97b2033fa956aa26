using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// Persists recovery flows, their hashed tokens and codes, and the per-address message windows of the recovery rate
/// limit. Redemption is atomic: of any number of concurrent <see cref="ConsumeSecretAsync"/> calls for one secret, exactly
/// one gets it; likewise <see cref="TryCountMessageAsync"/> never lets concurrent callers, in any number of processes on
/// one database, exceed the budget. Every store passes the conformance kit in <c>Ory.Identity.Storage.Specification</c>.
/// </summary>
public interface IRecoveryStore
{
    /// <summary>Inserts a new flow.</summary>
    ValueTask InsertFlowAsync(RecoveryFlowRecord flow, CancellationToken cancellationToken = default);

    /// <summary>Reads a flow; null when none (or deleted).</summary>
    ValueTask<RecoveryFlowRecord?> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a flow with <paramref name="update"/> applied to its latest state, atomically (the delegate may run more
    /// than once and must be free of side effects). Returns the stored flow, or null when no flow has this id.
    /// </summary>
    ValueTask<RecoveryFlowRecord?> UpdateFlowAsync(Guid flowId, Func<RecoveryFlowRecord, RecoveryFlowRecord> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds one to the flow's <see cref="RecoveryFlowRecord.SubmitCount"/> atomically and returns the new count; null when
    /// no flow has this id. Concurrent calls each get a distinct count.
    /// </summary>
    ValueTask<int?> IncrementSubmitCountAsync(Guid flowId, CancellationToken cancellationToken = default);

    /// <summary>Inserts a hashed token or code.</summary>
    ValueTask InsertSecretAsync(RecoverySecret secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes the unused secrets of a flow of one method (a code resend invalidates the earlier codes); returns how many.</summary>
    ValueTask<int> DeleteUnusedSecretsAsync(Guid flowId, RecoveryMethod method, CancellationToken cancellationToken = default);

    /// <summary>
    /// Redeems a secret atomically: the one of this flow and method whose hash is one of <paramref name="hashes"/> (one per
    /// configured key, for rotation), unused and not expired at <paramref name="now"/>, is marked used at
    /// <paramref name="now"/> and returned. Null when there is none; then nothing changed.
    /// </summary>
    ValueTask<RecoverySecret?> ConsumeSecretAsync(
        Guid flowId, RecoveryMethod method, IReadOnlyCollection<string> hashes, Instant now, CancellationToken cancellationToken = default);

    /// <summary>Finds a secret of this flow and method by hash, used or expired or not; null when none. Changes nothing.</summary>
    ValueTask<RecoverySecret?> FindSecretAsync(
        Guid flowId, RecoveryMethod method, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default);

    /// <summary>Deletes every flow and secret of an identity (its flows by <c>IdentityId</c> or <c>RecoveredIdentityId</c>); returns how many rows went.</summary>
    ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one recovery message to an address in the address's fixed window, atomically: when the address has no
    /// window, or its window expired at or before <paramref name="now"/>, a window of <paramref name="window"/> starts at
    /// <paramref name="now"/> with a count of 1; otherwise the count goes up by one if it is below
    /// <paramref name="budget"/>. Returns whether the message was counted; false (nothing changed) when the address has
    /// spent its budget. Of any number of concurrent calls for one address, at most <paramref name="budget"/> per window
    /// return true.
    /// </summary>
    /// <param name="addressKey">A keyed hash of the normalized address, never the address itself.</param>
    /// <param name="budget">Messages allowed per window, at least 1.</param>
    /// <param name="now">The caller's clock.</param>
    /// <param name="window">The window's length, positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<bool> TryCountMessageAsync(string addressKey, int budget, Instant now, Duration window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes flows, secrets and message windows that expired at or before <paramref name="now"/>; returns how many went.
    /// </summary>
    ValueTask<int> DeleteExpiredAsync(Instant now, CancellationToken cancellationToken = default);
}
