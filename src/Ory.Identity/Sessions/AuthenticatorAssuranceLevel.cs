using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>How strongly a session's identity proved itself (Kratos's <c>authenticatorAssuranceLevel</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuthenticatorAssuranceLevel>))]
public enum AuthenticatorAssuranceLevel
{
    /// <summary>No authentication method.</summary>
    [JsonStringEnumMemberName("aal0")] Aal0,

    /// <summary>One factor (password, recovery, social sign-in).</summary>
    [JsonStringEnumMemberName("aal1")] Aal1,

    /// <summary>Two factors.</summary>
    [JsonStringEnumMemberName("aal2")] Aal2,

    /// <summary>Two factors, one of them hardware-bound.</summary>
    [JsonStringEnumMemberName("aal3")] Aal3,
}
