using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>The <c>selfservice</c> section of <c>kratos.yml</c>.</summary>
public sealed class SelfServiceOptions
{
    /// <summary><c>selfservice.methods</c>: the link, code, password and profile methods.</summary>
    [ConfigurationKeyName("methods")]
    public SelfServiceMethodsOptions Methods { get; set; } = new();

    /// <summary><c>selfservice.flows</c>: the recovery, settings, login, logout and error flows.</summary>
    [ConfigurationKeyName("flows")]
    public SelfServiceFlowsOptions Flows { get; set; } = new();

    /// <summary>
    /// <c>selfservice.allowed_return_urls</c>: the URLs a <c>return_to</c> may point to (same scheme, host and port, and
    /// a path at or under the allowed one); a host may start with <c>*.</c> for every subdomain (<c>https://*.example.com</c>).
    /// Empty: every <c>return_to</c> is refused, except, in browser flows and logout, URLs under
    /// <c>&lt;serve.public.base_url&gt;/self-service</c>.
    /// </summary>
    [ConfigurationKeyName("allowed_return_urls")]
    public IList<string> AllowedReturnUrls { get; set; } = [];

    /// <summary>
    /// <c>default_browser_return_url</c>: where browsers go after a flow when nothing more specific is configured.
    /// Kratos requires it; here it is optional (an in-process host has no browser), and HTTP hosts should set it.
    /// </summary>
    [ConfigurationKeyName("default_browser_return_url")]
    public string? DefaultBrowserReturnUrl { get; set; }
}
