namespace Ory.Identity;

/// <summary>The answer to a batch create (Kratos's <c>batchPatchIdentitiesResponse</c>): one entry per request item.</summary>
/// <param name="Identities">Per item, in request order: the outcome, or null where the item was null.</param>
public sealed partial record BatchCreateResult(IReadOnlyList<BatchCreateItemResult?> Identities);
