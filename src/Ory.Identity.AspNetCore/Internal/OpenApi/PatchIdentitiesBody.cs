using System.Text.Json.Serialization;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>
/// The body of <c>PATCH /admin/identities</c> as Kratos's api.json documents it (patchIdentitiesBody), for the OpenAPI
/// document only: the endpoint decodes the batch itself, with Kratos's texts and limits (AdminApi.DecodeBatch).
/// </summary>
internal sealed record PatchIdentitiesBody
{
    /// <summary>The patches to apply; today each creates one identity.</summary>
    [JsonPropertyName("identities")]
    public IReadOnlyList<IdentityPatch>? Identities { get; init; }
}
