namespace Ory.Identity;

/// <summary>A cookie's resolved attributes (<c>HttpOnly</c> is always set).</summary>
/// <param name="Domain">The <c>Domain</c> attribute; null for a host-only cookie.</param>
/// <param name="Path">The <c>Path</c> attribute.</param>
/// <param name="SameSite">The <c>SameSite</c> attribute.</param>
/// <param name="Secure">Whether the <c>Secure</c> flag is set.</param>
public sealed record CookieSettings(string? Domain, string Path, CookieSameSite SameSite, bool Secure);
