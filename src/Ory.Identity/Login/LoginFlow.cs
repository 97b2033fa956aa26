using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>A login flow as Kratos's public API shows it (Kratos's <c>loginFlow</c>, selfservice/flow/login/flow.go).</summary>
public sealed partial record LoginFlow
{
    /// <summary>The flow id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>Browser or API.</summary>
    [JsonPropertyName("type")]
    public required SelfServiceFlowType Type { get; init; }

    /// <summary>When the flow expires (<c>selfservice.flows.login.lifespan</c> after it was created).</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>When the flow was created.</summary>
    [JsonPropertyName("issued_at")]
    public required Instant IssuedAt { get; init; }

    /// <summary>When the flow was stored first.</summary>
    [JsonPropertyName("created_at")]
    public required Instant CreatedAt { get; init; }

    /// <summary>When the flow was stored last.</summary>
    [JsonPropertyName("updated_at")]
    public required Instant UpdatedAt { get; init; }

    /// <summary>The URL the flow was started from.</summary>
    [JsonPropertyName("request_url")]
    public required string RequestUrl { get; init; }

    /// <summary>Where to send the user afterwards (from <see cref="RequestUrl"/>); omitted when none.</summary>
    [JsonPropertyName("return_to")]
    public string? ReturnTo { get; init; }

    /// <summary>The method last used, <c>password</c>; omitted until one is used.</summary>
    [JsonPropertyName("active")]
    public string? Active { get; init; }

    /// <summary>The form a UI renders.</summary>
    [JsonPropertyName("ui")]
    public required UiContainer Ui { get; init; }

    /// <summary>Whether this login re-authenticates an existing session (<c>refresh=true</c> with a session).</summary>
    [JsonPropertyName("refresh")]
    public required bool Refresh { get; init; }

    /// <summary>The assurance level asked for, <c>aal1</c>.</summary>
    [JsonPropertyName("requested_aal")]
    public required AuthenticatorAssuranceLevel RequestedAal { get; init; }

    /// <summary>The state.</summary>
    [JsonPropertyName("state")]
    public required LoginFlowState State { get; init; }

    /// <summary>The payload the client sent with the last submission, echoed back; omitted when none.</summary>
    [JsonPropertyName("transient_payload")]
    public JsonElement? TransientPayload { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"LoginFlow {{ Id = {Id}, Type = {Type}, State = {State}, Refresh = {Refresh} }}";
}
