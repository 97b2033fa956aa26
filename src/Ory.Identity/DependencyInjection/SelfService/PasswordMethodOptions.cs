using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.password</c> (Kratos's driver/config/config.go).</summary>
public sealed class PasswordMethodOptions
{
    /// <summary><c>enabled</c>: whether users may set and sign in with passwords in self-service flows. Default true.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary><c>config</c>: the password policy.</summary>
    [ConfigurationKeyName("config")]
    public PasswordMethodConfig Config { get; set; } = new();
}
