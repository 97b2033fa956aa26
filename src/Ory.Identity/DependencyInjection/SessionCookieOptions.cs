using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>session.cookie</c>: the session cookie's name and attributes; unset ones fall back to <c>cookies</c>.</summary>
public sealed class SessionCookieOptions
{
    /// <summary>Kratos's session cookie name.</summary>
    public const string DefaultName = "ory_kratos_session";

    /// <summary><c>name</c>: the cookie name. Default <c>ory_kratos_session</c>.</summary>
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = DefaultName;

    /// <summary><c>domain</c>: the cookie's <c>Domain</c>; unset: <c>cookies.domain</c>.</summary>
    [ConfigurationKeyName("domain")]
    public string? Domain { get; set; }

    /// <summary><c>path</c>: the cookie's <c>Path</c>; unset: <c>cookies.path</c>.</summary>
    [ConfigurationKeyName("path")]
    public string? Path { get; set; }

    /// <summary><c>same_site</c>: <c>Strict</c>, <c>Lax</c> or <c>None</c>; unset: <c>cookies.same_site</c>.</summary>
    [ConfigurationKeyName("same_site")]
    public string? SameSite { get; set; }

    /// <summary><c>secure</c>: the cookie's <c>Secure</c> flag; unset: true unless <c>dev</c> is on.</summary>
    [ConfigurationKeyName("secure")]
    public bool? Secure { get; set; }

    /// <summary>
    /// <c>persistent</c>: whether the cookie carries a <c>Max-Age</c> (until the session expires). Default true; false
    /// gives a browser-session cookie.
    /// </summary>
    [ConfigurationKeyName("persistent")]
    public bool Persistent { get; set; } = true;
}
