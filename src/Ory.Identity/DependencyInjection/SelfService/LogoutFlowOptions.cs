using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.logout</c>.</summary>
public sealed class LogoutFlowOptions
{
    /// <summary><c>after</c>: where browsers go after logging out; null falls back to <c>selfservice.default_browser_return_url</c>.</summary>
    [ConfigurationKeyName("after")]
    public FlowReturnOptions After { get; set; } = new();
}
