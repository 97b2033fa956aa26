namespace Ory.Identity;

/// <summary>A cookie's <c>SameSite</c> attribute, as <c>session.cookie.same_site</c> and <c>cookies.same_site</c> name it.</summary>
public enum CookieSameSite
{
    /// <summary><c>Strict</c>: sent on same-site requests only.</summary>
    Strict,

    /// <summary><c>Lax</c>: also sent on top-level navigations from other sites (Kratos's default).</summary>
    Lax,

    /// <summary><c>None</c>: sent on cross-site requests too (needs <c>Secure</c> in browsers).</summary>
    None,
}
