namespace Ory.Identity.Storage;

/// <summary>
/// A keyset page request to <see cref="IIdentityStore.ListAsync"/>. Every filter that is set applies (they combine
/// with AND).
/// </summary>
public sealed record IdentityStoreQuery
{
    /// <summary>Return identities whose id sorts after this one (<see cref="GuidOrder"/>); <see cref="Guid.Empty"/> for the first page.</summary>
    public Guid After { get; init; }

    /// <summary>The most identities to return (at least 1).</summary>
    public required int Limit { get; init; }

    /// <summary>Only these ids.</summary>
    public IReadOnlyCollection<Guid>? Ids { get; init; }

    /// <summary>
    /// Only identities holding a credential (of any type) whose identifier equals one of these values. The manager passes
    /// the normalized and the raw form.
    /// </summary>
    public IReadOnlyCollection<string>? CredentialsIdentifiers { get; init; }

    /// <summary>Only identities holding a credential (of any type) whose identifier starts with this value (ordinal).</summary>
    public string? CredentialsIdentifierPrefix { get; init; }

    /// <summary>Only identities of this organization.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>Only identities whose schema id equals this one (ordinal).</summary>
    public string? SchemaId { get; init; }
}
