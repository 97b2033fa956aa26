using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// The body of Kratos's <c>PUT /admin/identities/{id}</c> (<c>updateIdentityBody</c>), with PUT semantics:
/// traits, metadata and <c>external_id</c> are always replaced (omitting one clears it); schema id and state change
/// only when given; addresses are recomputed from traits; credentials, when given, are merged.
/// </summary>
public sealed partial record UpdateIdentityRequest
{
    /// <summary>The new schema id; null or empty keeps the current one.</summary>
    public string? SchemaId { get; init; }

    /// <summary>The new traits (replaced; null means <c>{}</c>).</summary>
    public JsonElement? Traits { get; init; }

    /// <summary>Credentials to merge into the existing ones; null keeps them.</summary>
    public IdentityCredentialsImport? Credentials { get; init; }

    /// <summary>The new public metadata (replaced; null clears it).</summary>
    public JsonElement? MetadataPublic { get; init; }

    /// <summary>The new admin metadata (replaced; null clears it).</summary>
    public JsonElement? MetadataAdmin { get; init; }

    /// <summary>The new state; null keeps the current one.</summary>
    public IdentityState? State { get; init; }

    /// <summary>The new external id (replaced; null or empty clears it).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Ory Network's region; accepted for compatibility and not stored.</summary>
    public string? Region { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"UpdateIdentityRequest {{ SchemaId = {SchemaId} }}";
}
