using System.Text.Json.Serialization;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>
/// The body of <c>POST /admin/recovery/link</c> as Kratos's api.json documents it (createRecoveryLinkForIdentityBody),
/// for the OpenAPI document only: the endpoint reads the body itself, with Kratos's texts (AdminApi).
/// </summary>
internal record CreateRecoveryLinkForIdentityBody
{
    /// <summary>The identity to recover.</summary>
    [JsonPropertyName("identity_id")]
    public required Guid IdentityId { get; init; }

    /// <summary>How long the link (or code) lives, as a Go duration (<c>1h</c>); the configured lifespan when left out.</summary>
    [JsonPropertyName("expires_in")]
    public string? ExpiresIn { get; init; }
}
