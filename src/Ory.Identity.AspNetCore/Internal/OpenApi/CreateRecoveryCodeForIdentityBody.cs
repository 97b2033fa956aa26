using System.Text.Json.Serialization;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>
/// The body of <c>POST /admin/recovery/code</c> as Kratos's api.json documents it (createRecoveryCodeForIdentityBody):
/// the link's body plus the flow type. For the OpenAPI document only: the endpoint reads the body itself (AdminApi).
/// </summary>
internal sealed record CreateRecoveryCodeForIdentityBody : CreateRecoveryLinkForIdentityBody
{
    /// <summary>The kind of recovery flow the code belongs to: <c>browser</c> (the default) or <c>api</c>.</summary>
    [JsonPropertyName("flow_type")]
    public string? FlowType { get; init; }
}
