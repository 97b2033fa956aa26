using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows</c>.</summary>
public sealed class SelfServiceFlowsOptions
{
    /// <summary><c>selfservice.flows.recovery</c>.</summary>
    [ConfigurationKeyName("recovery")]
    public RecoveryFlowOptions Recovery { get; set; } = new();

    /// <summary><c>selfservice.flows.settings</c>.</summary>
    [ConfigurationKeyName("settings")]
    public SettingsFlowOptions Settings { get; set; } = new();

    /// <summary><c>selfservice.flows.login</c>.</summary>
    [ConfigurationKeyName("login")]
    public LoginFlowOptions Login { get; set; } = new();

    /// <summary><c>selfservice.flows.logout</c>.</summary>
    [ConfigurationKeyName("logout")]
    public LogoutFlowOptions Logout { get; set; } = new();

    /// <summary><c>selfservice.flows.error</c>.</summary>
    [ConfigurationKeyName("error")]
    public ErrorFlowOptions Error { get; set; } = new();
}
