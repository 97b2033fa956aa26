using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>cookies</c>: attributes of every cookie (the CSRF cookie, and the session cookie where <c>session.cookie</c> leaves them unset).</summary>
public sealed class CookiesOptions
{
    /// <summary><c>domain</c>: the cookies' <c>Domain</c>. Unset (default): host-only cookies.</summary>
    [ConfigurationKeyName("domain")]
    public string? Domain { get; set; }

    /// <summary><c>path</c>: the cookies' <c>Path</c>. Default <c>/</c>.</summary>
    [ConfigurationKeyName("path")]
    public string Path { get; set; } = "/";

    /// <summary><c>same_site</c>: <c>Strict</c>, <c>Lax</c> (default) or <c>None</c>.</summary>
    [ConfigurationKeyName("same_site")]
    public string SameSite { get; set; } = "Lax";

    /// <summary><c>secure</c>: the cookies' <c>Secure</c> flag; unset: true unless <c>dev</c> is on.</summary>
    [ConfigurationKeyName("secure")]
    public bool? Secure { get; set; }
}
