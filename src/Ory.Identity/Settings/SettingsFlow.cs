using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// A settings flow as Kratos's public API shows it (Kratos's <c>settingsFlow</c>, selfservice/flow/settings/flow.go):
/// the form to set a password or change traits, for the identity of the session that started it.
/// </summary>
public sealed partial record SettingsFlow
{
    /// <summary>The flow id.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>Browser or API.</summary>
    [JsonPropertyName("type")]
    public required SelfServiceFlowType Type { get; init; }

    /// <summary>When the flow expires (<c>selfservice.flows.settings.lifespan</c> after it was created).</summary>
    [JsonPropertyName("expires_at")]
    public required Instant ExpiresAt { get; init; }

    /// <summary>When the flow was created.</summary>
    [JsonPropertyName("issued_at")]
    public required Instant IssuedAt { get; init; }

    /// <summary>The URL the flow was started from.</summary>
    [JsonPropertyName("request_url")]
    public required string RequestUrl { get; init; }

    /// <summary>Where to send the user afterwards (from <see cref="RequestUrl"/>); omitted when none.</summary>
    [JsonPropertyName("return_to")]
    public string? ReturnTo { get; init; }

    /// <summary>The method last used, <c>password</c> or <c>profile</c>; omitted until one is used.</summary>
    [JsonPropertyName("active")]
    public string? Active { get; init; }

    /// <summary>The form a UI renders.</summary>
    [JsonPropertyName("ui")]
    public required UiContainer Ui { get; init; }

    /// <summary>The identity whose settings these are (public view: no credentials, no admin metadata).</summary>
    [JsonPropertyName("identity")]
    public required Identity Identity { get; init; }

    /// <summary>The state.</summary>
    [JsonPropertyName("state")]
    public required SettingsFlowState State { get; init; }

    /// <summary>What the client should do next; omitted when nothing.</summary>
    [JsonPropertyName("continue_with")]
    public IReadOnlyList<ContinueWith>? ContinueWith { get; init; }

    /// <summary>The payload the client sent with the last submission, echoed back; omitted when none.</summary>
    [JsonPropertyName("transient_payload")]
    public JsonElement? TransientPayload { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SettingsFlow {{ Id = {Id}, Type = {Type}, State = {State} }}";
}
