using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.link</c>.</summary>
public sealed class LinkMethodOptions
{
    /// <summary><c>enabled</c>: whether recovery links may be issued. Default false.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>config</c>.</summary>
    [ConfigurationKeyName("config")]
    public LinkMethodConfig Config { get; set; } = new();
}
