namespace Ory.Identity;

/// <summary>
/// A page request for <see cref="IIdentityManager.ListAsync"/> (Kratos's <c>GET /admin/identities</c>). The filters
/// <see cref="Ids"/>, <see cref="CredentialsIdentifier"/>, <see cref="CredentialsIdentifierSimilar"/> and
/// <see cref="OrganizationId"/> are mutually exclusive, as in Kratos; <see cref="SchemaId"/> (our extension) combines with
/// any of them.
/// </summary>
public sealed record IdentityListQuery
{
    /// <summary>The default page size, as Kratos's.</summary>
    public const int DefaultPageSize = 250;

    /// <summary>The largest page size, as Kratos's.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The most ids <see cref="Ids"/> may hold.</summary>
    public const int MaxIds = 500;

    /// <summary>Items per page, 1 to 500; null means 250.</summary>
    public int? PageSize { get; init; }

    /// <summary>The <see cref="IdentityPage.NextPageToken"/> of the previous page; null for the first page.</summary>
    public string? PageToken { get; init; }

    /// <summary>Only these ids (at most 500; duplicates and unknown ids are ignored).</summary>
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>Only the identity with a credential identifier equal to this one (normalized for password, webauthn and code).</summary>
    public string? CredentialsIdentifier { get; init; }

    /// <summary>Only identities with a credential identifier starting with this (Kratos's experimental similarity search).</summary>
    public string? CredentialsIdentifierSimilar { get; init; }

    /// <summary>Only identities of this organization.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>
    /// Only identities of this schema (exact id), e.g. the service accounts of a machine schema. Our extension (Kratos
    /// has no such filter); it narrows any other filter.
    /// </summary>
    public string? SchemaId { get; init; }

    /// <summary>
    /// Include credentials in the items, with the <c>config</c> of these types. Without it (and without
    /// <see cref="CredentialsIdentifier"/>) items carry no credentials, as in Kratos.
    /// </summary>
    public IReadOnlyList<CredentialsType>? IncludeCredentials { get; init; }
}
