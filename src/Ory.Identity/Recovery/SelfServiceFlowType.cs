using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>Who drives a self-service flow (Kratos's <c>selfServiceFlowType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelfServiceFlowType>))]
public enum SelfServiceFlowType
{
    /// <summary>A browser, with cookies and redirects.</summary>
    [JsonStringEnumMemberName("browser")] Browser,

    /// <summary>A native or API client, with JSON only.</summary>
    [JsonStringEnumMemberName("api")] Api,
}
