namespace Ory.Identity;

/// <summary>
/// <see cref="IIdentityManager.CreateManyAsync"/> in its two steps, for a caller that overlaps them (the
/// <c>ory-identity</c> tool prepares batch N+1 while batch N is written): <see cref="PrepareManyAsync"/> does the work
/// that does not depend on stored state (text checks, limits, hashing, validation and derivation), with the same
/// batch-wide errors; <see cref="WriteManyAsync"/> stores the prepared identities and returns the result
/// <c>CreateManyAsync</c> would have. <c>CreateManyAsync</c> is exactly one after the other.
/// </summary>
internal interface IStagedBatchCreation
{
    /// <summary>Checks and builds a batch; throws, as <c>CreateManyAsync</c> does, when the whole batch is refused.</summary>
    Task<PreparedIdentityBatch> PrepareManyAsync(IReadOnlyList<CreateIdentityRequest?> requests, CancellationToken cancellationToken = default);

    /// <summary>Stores a prepared batch (once): one result per request, in request order.</summary>
    Task<BatchCreateResult> WriteManyAsync(PreparedIdentityBatch batch, CancellationToken cancellationToken = default);
}
