using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>A recovery flow as Kratos's public API shows it (Kratos's <c>recoveryFlow</c>).</summary>
public sealed partial record RecoveryFlow
{
    /// <summary>The flow id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>Browser or API.</summary>
    [JsonPropertyName("type")]
    public required SelfServiceFlowType Type { get; init; }

    /// <summary>When the flow expires.</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>When the flow was created.</summary>
    [JsonPropertyName("issued_at")]
    public required Instant IssuedAt { get; init; }

    /// <summary>The URL the flow was started from.</summary>
    [JsonPropertyName("request_url")]
    public required string RequestUrl { get; init; }

    /// <summary>Where to send the user after recovery; omitted when none.</summary>
    [JsonPropertyName("return_to")]
    public string? ReturnTo { get; init; }

    /// <summary>The method in use.</summary>
    [JsonPropertyName("active")]
    public required RecoveryMethod Active { get; init; }

    /// <summary>The form a UI renders.</summary>
    [JsonPropertyName("ui")]
    public required UiContainer Ui { get; init; }

    /// <summary>The state.</summary>
    [JsonPropertyName("state")]
    public required RecoveryFlowState State { get; init; }

    /// <summary>The payload the client sent with the last submission, echoed back; omitted when none.</summary>
    [JsonPropertyName("transient_payload")]
    public JsonElement? TransientPayload { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RecoveryFlow {{ Id = {Id}, Type = {Type}, Active = {Active}, State = {State} }}";
}
