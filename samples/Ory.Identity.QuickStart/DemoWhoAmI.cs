using System.Text.Json.Nodes;

namespace Ory.Identity.QuickStart;

/// <summary>The answer of the demo endpoint <c>GET /demo/whoami</c>: the calling machine identity and its key's id and name.</summary>
internal static class DemoWhoAmI
{
    public static string Json(ApiKeyAuthenticationResult authentication) => new JsonObject
    {
        ["identity_id"] = authentication.Identity!.Id.ToString("D"),
        ["schema_id"] = authentication.Identity.SchemaId,
        ["traits"] = JsonNode.Parse(authentication.Identity.Traits.GetRawText()),
        ["api_key"] = new JsonObject { ["id"] = authentication.Key!.Id, ["name"] = authentication.Key.Name },
    }.ToJsonString();
}
