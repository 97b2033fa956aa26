using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.profile</c>: changing traits in the settings flow.</summary>
public sealed class ProfileMethodOptions
{
    /// <summary><c>enabled</c>: whether users may change their traits in the settings flow. Default true.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;
}
