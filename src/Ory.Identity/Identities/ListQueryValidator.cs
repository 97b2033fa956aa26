using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Checks an <see cref="IdentityListQuery"/> with Kratos's rules and texts (Kratos's identity/handler.go, listIdentities) and turns it into a store query.</summary>
internal static class ListQueryValidator
{
    public const string CombinedFilters = "You cannot combine multiple filters in this API";
    public const string TooManyIds = "The number of ids to filter must not exceed 500.";
    public const string InvalidPageToken = "The page token is invalid, do not craft your own page tokens";
    public const string InvalidPageSize = "The page size must be between 1 and 500.";

    /// <summary>Validates the query; returns the store query (one more item than the page, to detect a next page) and the page size.</summary>
    public static (IdentityStoreQuery Query, int PageSize) ToStoreQuery(IdentityListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = (query.Ids is not null ? 1 : 0)
                      + (!string.IsNullOrEmpty(query.CredentialsIdentifier) ? 1 : 0)
                      + (!string.IsNullOrEmpty(query.CredentialsIdentifierSimilar) ? 1 : 0)
                      + (query.OrganizationId is not null ? 1 : 0);
        if (filters > 1)
        {
            throw new InvalidRequestException(CombinedFilters);
        }

        if (query.Ids is { Count: > IdentityListQuery.MaxIds })
        {
            throw new InvalidRequestException(TooManyIds);
        }

        // No stored value holds a NUL (NulCharacterRule): a filter holding one is refused, named by its query parameter.
        NulCharacterRule.EnsureLookup(query.CredentialsIdentifier, "credentials_identifier");
        NulCharacterRule.EnsureLookup(query.CredentialsIdentifierSimilar, "preview_credentials_identifier_similar");
        NulCharacterRule.EnsureLookup(query.SchemaId, "schema_id");

        var pageSize = query.PageSize ?? IdentityListQuery.DefaultPageSize;
        if (pageSize < 1)
        {
            throw new InvalidRequestException(InvalidPageSize);
        }

        // Kratos clamps page sizes above the maximum rather than refusing them.
        pageSize = Math.Min(pageSize, IdentityListQuery.MaxPageSize);

        var after = Guid.Empty;
        if (!string.IsNullOrEmpty(query.PageToken) && !Guid.TryParseExact(query.PageToken, "D", out after))
        {
            throw new InvalidRequestException(InvalidPageToken);
        }

        var identifiers = string.IsNullOrEmpty(query.CredentialsIdentifier) ? null : IdentifierForms(query.CredentialsIdentifier);
        return (new IdentityStoreQuery
        {
            After = after,
            Limit = pageSize + 1,
            Ids = query.Ids is null ? null : new HashSet<Guid>(query.Ids),
            CredentialsIdentifiers = identifiers,
            CredentialsIdentifierPrefix = string.IsNullOrEmpty(query.CredentialsIdentifierSimilar)
                ? null
                : IdentifierNormalizer.NormalizeGraceful(query.CredentialsIdentifierSimilar),
            OrganizationId = query.OrganizationId,
            SchemaId = string.IsNullOrEmpty(query.SchemaId) ? null : query.SchemaId,
        }, pageSize);
    }

    /// <summary>
    /// The values a <c>credentials_identifier</c> filter matches, of any credential type: its graceful normalization and,
    /// when that differs, the value as given (Kratos's persister looks both up, for rows stored before normalization).
    /// </summary>
    public static string[] IdentifierForms(string identifier)
    {
        var normalized = IdentifierNormalizer.NormalizeGraceful(identifier);
        return string.Equals(normalized, identifier, StringComparison.Ordinal) ? [normalized] : [normalized, identifier];
    }
}
