namespace Ory.Identity.Fuzz.Tests.Seeds;

/// <summary>
/// A valid request for one route and method, as templates over <see cref="SeedState"/>'s placeholders: the query
/// (with its leading <c>?</c>, or empty), the body (null for none), its content type and extra headers.
/// </summary>
public sealed record SeedRequest(string Query, string? Body = null, string ContentType = "application/json")
{
    /// <summary>Headers the request needs, e.g. <c>Authorization: Bearer {api_key}</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
