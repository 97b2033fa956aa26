using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// An identity, exactly as Kratos's admin API returns it. Immutable: a stored identity can be shared across threads.
/// Serialize it with <see cref="OryIdentityJson"/> to get Kratos's JSON.
/// </summary>
public sealed partial record Identity
{
    // Null (a JSON document without the list: Kratos omits empty ones, and source-generated deserialization then sets
    // null rather than keeping the default) reads as empty.
    private readonly IReadOnlyList<VerifiableAddress> _verifiableAddresses = [];
    private readonly IReadOnlyList<RecoveryAddress> _recoveryAddresses = [];
    private readonly IReadOnlyDictionary<CredentialsType, IdentityCredentials> _credentials = EmptyCredentials;

    /// <summary>The identity's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The id of the identity schema its traits are validated against.</summary>
    public required string SchemaId { get; init; }

    /// <summary>Where the schema is served: <c>&lt;serve.public.base_url&gt;/schemas/&lt;base64url(schema_id)&gt;</c>.</summary>
    public string SchemaUrl { get; init; } = string.Empty;

    /// <summary>Active or inactive.</summary>
    public IdentityState State { get; init; } = IdentityState.Active;

    /// <summary>When <see cref="State"/> last changed (and when the identity was created).</summary>
    public Instant? StateChangedAt { get; init; }

    /// <summary>The traits, valid against the schema.</summary>
    public required JsonElement Traits { get; init; }

    /// <summary>Addresses derived from traits marked for verification.</summary>
    public IReadOnlyList<VerifiableAddress> VerifiableAddresses { get => _verifiableAddresses; init => _verifiableAddresses = value ?? []; }

    /// <summary>Addresses derived from traits marked for recovery.</summary>
    public IReadOnlyList<RecoveryAddress> RecoveryAddresses { get => _recoveryAddresses; init => _recoveryAddresses = value ?? []; }

    /// <summary>Metadata the identity itself may read; null when unset (written as <c>null</c>, as Kratos does).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? MetadataPublic { get; init; }

    /// <summary>Metadata only admins may read; null when unset.</summary>
    public JsonElement? MetadataAdmin { get; init; }

    /// <summary>Credentials by type. Empty in public views.</summary>
    public IReadOnlyDictionary<CredentialsType, IdentityCredentials> Credentials { get => _credentials; init => _credentials = value ?? EmptyCredentials; }

    /// <summary>An id from another system, unique among identities; null when unset.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The organization the identity belongs to; null when none (written as <c>null</c>, as Kratos does).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Guid? OrganizationId { get; init; }

    /// <summary>When the identity was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the identity was last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>
    /// The public view (Kratos's session representation): no credentials and no <c>metadata_admin</c>.
    /// </summary>
    public Identity ToPublicView() => this with { Credentials = EmptyCredentials, MetadataAdmin = null };

    /// <summary>
    /// The admin view: credentials with their <c>config</c> removed unless their type is in <paramref name="includeConfigOf"/>.
    /// The config of <see cref="CredentialsType.ApiKey"/> (keyed hashes) is always removed.
    /// </summary>
    /// <param name="includeConfigOf">Types whose config stays (Kratos's <c>include_credential</c>); null or empty for none.</param>
    public Identity ToAdminView(IReadOnlyCollection<CredentialsType>? includeConfigOf = null)
    {
        if (Credentials.Count == 0)
        {
            return this;
        }

        var view = CredentialsMap.WithoutConfig(Credentials, includeConfigOf);
        return ReferenceEquals(view, Credentials) ? this : this with { Credentials = view };
    }

    /// <summary>Never prints traits, metadata or credentials: they are personal data or secrets.</summary>
    public override string ToString() => $"Identity {{ Id = {Id}, SchemaId = {SchemaId}, State = {State} }}";

    // Shared by every identity without credentials, so it must not be mutable through a cast.
    internal static readonly IReadOnlyDictionary<CredentialsType, IdentityCredentials> EmptyCredentials =
        System.Collections.ObjectModel.ReadOnlyDictionary<CredentialsType, IdentityCredentials>.Empty;
}
