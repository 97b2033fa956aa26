using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>
/// What a client should do after a flow step (Kratos's <c>continueWith</c>, selfservice/flow/continue_with.go): store
/// a session token, show the settings UI, or send the browser somewhere. <see cref="Action"/> says which; only that
/// action's fields are set. <see cref="OrySessionToken"/> is a secret: <see cref="ToString"/> never prints it.
/// </summary>
public sealed partial record ContinueWith
{
    /// <summary><c>set_ory_session_token</c>, <c>show_settings_ui</c> or <c>redirect_browser_to</c>.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    /// <summary>The session token to store (<c>set_ory_session_token</c>).</summary>
    [JsonPropertyName("ory_session_token")]
    public string? OrySessionToken { get; init; }

    /// <summary>The flow to show (<c>show_settings_ui</c>).</summary>
    [JsonPropertyName("flow")]
    public ContinueWithFlow? Flow { get; init; }

    /// <summary>Where to send the browser (<c>redirect_browser_to</c>).</summary>
    [JsonPropertyName("redirect_browser_to")]
    public string? RedirectBrowserTo { get; init; }

    /// <summary>Store this session token: <c>{"action":"set_ory_session_token","ory_session_token":…}</c>.</summary>
    /// <param name="token">The session token (<c>ory_st_…</c>).</param>
    public static ContinueWith SetOrySessionToken(string token) => new() { Action = "set_ory_session_token", OrySessionToken = token };

    /// <summary>Show the settings UI for a flow: <c>{"action":"show_settings_ui","flow":{"id":…,"url":…}}</c>.</summary>
    /// <param name="flowId">The settings flow.</param>
    /// <param name="url">The settings UI URL with <c>?flow=</c>.</param>
    public static ContinueWith ShowSettingsUi(Guid flowId, string url) =>
        new() { Action = "show_settings_ui", Flow = new ContinueWithFlow { Id = flowId, Url = url } };

    /// <summary>Send the browser to a URL: <c>{"action":"redirect_browser_to","redirect_browser_to":…}</c>.</summary>
    /// <param name="url">The URL.</param>
    public static ContinueWith RedirectBrowser(string url) => new() { Action = "redirect_browser_to", RedirectBrowserTo = url };

    /// <summary>Prints the action only, never a token.</summary>
    public override string ToString() => $"ContinueWith {{ Action = {Action} }}";
}
