using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.settings.after</c>: where browsers go after a successful settings update.</summary>
public sealed class SettingsFlowAfterOptions
{
    /// <summary>
    /// <c>default_browser_return_url</c>; null falls back to the settings UI showing the same flow (Kratos's
    /// selfservice/flow/settings/hook.go).
    /// </summary>
    [ConfigurationKeyName("default_browser_return_url")]
    public string? DefaultBrowserReturnUrl { get; set; }

    /// <summary><c>password</c>: after a password change.</summary>
    [ConfigurationKeyName("password")]
    public FlowReturnOptions Password { get; set; } = new();

    /// <summary><c>profile</c>: after a profile (traits) change.</summary>
    [ConfigurationKeyName("profile")]
    public FlowReturnOptions Profile { get; set; } = new();
}
