using System.Text.Json.Serialization;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>One entry of <see cref="PatchIdentitiesBody"/> (Kratos's identityPatch), for the OpenAPI document only.</summary>
internal sealed record IdentityPatch
{
    /// <summary>The identity to create, as <c>POST /admin/identities</c> takes it.</summary>
    [JsonPropertyName("create")]
    public CreateIdentityRequest? Create { get; init; }

    /// <summary>An optional id, returned in the result's entry so the caller can match it to this patch.</summary>
    [JsonPropertyName("patch_id")]
    public Guid? PatchId { get; init; }
}
