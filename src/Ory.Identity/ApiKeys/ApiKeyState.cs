using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>Whether an API key works.</summary>
public enum ApiKeyState
{
    /// <summary>The key authenticates (while its identity is active).</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>The key's expiry has passed.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>The key was revoked.</summary>
    [JsonStringEnumMemberName("revoked")]
    Revoked,
}
