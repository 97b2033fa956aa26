using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods</c>.</summary>
public sealed class SelfServiceMethodsOptions
{
    /// <summary><c>selfservice.methods.link</c>: recovery links. Disabled by default, as in Kratos.</summary>
    [ConfigurationKeyName("link")]
    public LinkMethodOptions Link { get; set; } = new();

    /// <summary><c>selfservice.methods.code</c>: recovery codes. Enabled by default, as in Kratos.</summary>
    [ConfigurationKeyName("code")]
    public CodeMethodOptions Code { get; set; } = new();

    /// <summary><c>selfservice.methods.password</c>: passwords and their policy. Enabled by default, as in Kratos.</summary>
    [ConfigurationKeyName("password")]
    public PasswordMethodOptions Password { get; set; } = new();

    /// <summary><c>selfservice.methods.profile</c>: trait changes in the settings flow. Enabled by default, as in Kratos.</summary>
    [ConfigurationKeyName("profile")]
    public ProfileMethodOptions Profile { get; set; } = new();
}
