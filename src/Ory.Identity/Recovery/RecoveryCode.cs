using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>An admin-issued recovery code (Kratos's <c>recoveryCodeForIdentity</c>). Hand the code over out of band.</summary>
public sealed partial record RecoveryCode
{
    /// <summary>The recovery UI for the flow: <c>&lt;selfservice.flows.recovery.ui_url&gt;?flow=&lt;flow id&gt;</c> (no code in it).</summary>
    [JsonPropertyName("recovery_link")]
    public required string Link { get; init; }

    /// <summary>The 6-digit code. A secret.</summary>
    [JsonPropertyName("recovery_code")]
    public required string Code { get; init; }

    /// <summary>When the code expires.</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>The recovery flow the code belongs to (not part of Kratos's JSON; empty when read from JSON).</summary>
    [JsonIgnore]
    public Guid FlowId { get; init; }

    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"RecoveryCode {{ FlowId = {FlowId}, ExpiresAt = {ExpiresAt} }}";
}
