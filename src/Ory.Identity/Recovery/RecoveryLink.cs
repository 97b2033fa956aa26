using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>An admin-issued recovery link (Kratos's <c>recoveryLinkForIdentity</c>). Hand it to the user once.</summary>
public sealed partial record RecoveryLink
{
    /// <summary>The link: <c>&lt;base&gt;/self-service/recovery?flow=&lt;flow id&gt;&amp;token=&lt;token&gt;</c>. A secret.</summary>
    [JsonPropertyName("recovery_link")]
    public required string Link { get; init; }

    /// <summary>When the link expires.</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>The recovery flow the link belongs to (not part of Kratos's JSON; empty when read from JSON).</summary>
    [JsonIgnore]
    public Guid FlowId { get; init; }

    /// <summary>Never prints the link: it carries the token.</summary>
    public override string ToString() => $"RecoveryLink {{ FlowId = {FlowId}, ExpiresAt = {ExpiresAt} }}";
}
