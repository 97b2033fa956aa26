using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows</c>.</summary>
public sealed class SelfServiceFlowsOptions
{
    /// <summary><c>selfservice.flows.recovery</c>.</summary>
    [ConfigurationKeyName("recovery")]
    public RecoveryFlowOptions Recovery { get; set; } = new();
}
