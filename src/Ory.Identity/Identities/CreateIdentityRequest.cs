using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// The body of Kratos's <c>POST /admin/identities</c> (<c>createIdentityBody</c>). Decoded strictly: unknown fields
/// such as <c>id</c> or <c>schema_url</c> are refused. <c>{}</c> is valid: the default schema and empty traits.
/// </summary>
public sealed partial record CreateIdentityRequest
{
    /// <summary>The schema id; null or empty means <c>identity.default_schema_id</c>.</summary>
    public string? SchemaId { get; init; }

    /// <summary>The traits; null means <c>{}</c>.</summary>
    public JsonElement? Traits { get; init; }

    /// <summary>Credentials to import (passwords, social sign-in links, …).</summary>
    public IdentityCredentialsImport? Credentials { get; init; }

    /// <summary>Verifiable addresses to import; kept only where the traits produce the same address.</summary>
    public IReadOnlyList<VerifiableAddressImport>? VerifiableAddresses { get; init; }

    /// <summary>Recovery addresses to import; kept only where the traits produce the same address.</summary>
    public IReadOnlyList<RecoveryAddressImport>? RecoveryAddresses { get; init; }

    /// <summary>Public metadata.</summary>
    public JsonElement? MetadataPublic { get; init; }

    /// <summary>Admin-only metadata.</summary>
    public JsonElement? MetadataAdmin { get; init; }

    /// <summary>The state; null means active.</summary>
    public IdentityState? State { get; init; }

    /// <summary>The organization the identity belongs to.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>An id from another system, unique among identities (at most 64 characters).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Ory Network's region; accepted for compatibility and not stored (as Kratos OSS).</summary>
    public string? Region { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"CreateIdentityRequest {{ SchemaId = {SchemaId} }}";
}
