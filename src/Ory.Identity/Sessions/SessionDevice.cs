using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>A device a session was used from (Kratos's <c>sessionDevice</c>), recorded when the session is issued.</summary>
public sealed partial record SessionDevice
{
    /// <summary>The device entry's id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>The client's IP address; omitted when unknown.</summary>
    [JsonPropertyName("ip_address")]
    public string? IpAddress { get; init; }

    /// <summary>The client's <c>User-Agent</c>; omitted when unknown.</summary>
    [JsonPropertyName("user_agent")]
    public string? UserAgent { get; init; }

    /// <summary>Where the client was, e.g. "Munich, DE"; empty when unknown.</summary>
    [JsonPropertyName("location")]
    public string? Location { get; init; }
}
