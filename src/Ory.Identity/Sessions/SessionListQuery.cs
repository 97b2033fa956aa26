namespace Ory.Identity;

/// <summary>A page of <see cref="ISessionManager.ListAsync"/> (Kratos's <c>GET /admin/sessions</c> query).</summary>
public sealed record SessionListQuery
{
    /// <summary>Largest page size (1000).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Items per page, 1 to 1000. Default 250.</summary>
    public int PageSize { get; init; } = 250;

    /// <summary>The token of the page to read, from <see cref="SessionPage.NextPageToken"/>; null for the first page.</summary>
    public string? PageToken { get; init; }

    /// <summary>Only active (true) or inactive (false) sessions; null for all.</summary>
    public bool? Active { get; init; }

    /// <summary>What to load with each session.</summary>
    public SessionExpand Expand { get; init; } = SessionExpand.None;
}
