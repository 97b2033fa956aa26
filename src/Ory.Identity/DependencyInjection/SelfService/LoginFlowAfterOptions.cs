using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.login.after</c>: where browsers go after a successful login.</summary>
public sealed class LoginFlowAfterOptions
{
    /// <summary><c>default_browser_return_url</c>; null falls back to <c>selfservice.default_browser_return_url</c>.</summary>
    [ConfigurationKeyName("default_browser_return_url")]
    public string? DefaultBrowserReturnUrl { get; set; }

    /// <summary><c>password</c>: after a password login.</summary>
    [ConfigurationKeyName("password")]
    public FlowReturnOptions Password { get; set; } = new();
}
