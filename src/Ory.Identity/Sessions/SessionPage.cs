namespace Ory.Identity;

/// <summary>One page of sessions.</summary>
/// <param name="Items">The sessions, newest first.</param>
/// <param name="NextPageToken">The token of the next page; null on the last page.</param>
public sealed record SessionPage(IReadOnlyList<Session> Items, string? NextPageToken);
