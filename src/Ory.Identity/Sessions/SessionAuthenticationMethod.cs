using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>One authentication of a session (Kratos's <c>sessionAuthenticationMethod</c>), e.g. <c>password</c> at aal1.</summary>
public sealed partial record SessionAuthenticationMethod
{
    /// <summary><c>password</c>, <c>code_recovery</c>, <c>link_recovery</c>, … (see <see cref="SessionAuthenticationMethods"/>).</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The assurance level this method gives.</summary>
    [JsonPropertyName("aal")]
    public required AuthenticatorAssuranceLevel Aal { get; init; }

    /// <summary>When the method was completed.</summary>
    [JsonPropertyName("completed_at")]
    public required Instant CompletedAt { get; init; }

    /// <summary>The social sign-in provider; omitted when none.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }
}
