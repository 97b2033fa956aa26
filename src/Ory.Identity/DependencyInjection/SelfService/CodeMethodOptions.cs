using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.code</c>.</summary>
public sealed class CodeMethodOptions
{
    /// <summary><c>enabled</c>: whether recovery codes may be issued. Default true.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary><c>config</c>.</summary>
    [ConfigurationKeyName("config")]
    public CodeMethodConfig Config { get; set; } = new();
}
