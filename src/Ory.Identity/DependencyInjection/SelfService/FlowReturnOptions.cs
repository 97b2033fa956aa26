using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// An <c>after</c> block that only names where browsers go next (<c>selfservice.flows.logout.after</c>,
/// <c>selfservice.flows.settings.after.password</c>, …).
/// </summary>
public sealed class FlowReturnOptions
{
    /// <summary><c>default_browser_return_url</c>: where browsers go; null falls back to the enclosing default.</summary>
    [ConfigurationKeyName("default_browser_return_url")]
    public string? DefaultBrowserReturnUrl { get; set; }
}
