namespace Ory.Identity;

/// <summary>One page of identities.</summary>
/// <param name="Items">The identities, ordered by id.</param>
/// <param name="NextPageToken">The token of the next page; null on the last page.</param>
public sealed record IdentityPage(IReadOnlyList<Identity> Items, string? NextPageToken);
