using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>ASP.NET Core cookie options from resolved cookie attributes (always <c>HttpOnly</c>).</summary>
internal static class CookieOptionsFactory
{
    public static CookieOptions Create(CookieSettings settings) => new()
    {
        HttpOnly = true,
        Secure = settings.Secure,
        SameSite = settings.SameSite switch
        {
            CookieSameSite.Strict => SameSiteMode.Strict,
            CookieSameSite.None => SameSiteMode.None,
            _ => SameSiteMode.Lax,
        },
        Path = settings.Path,
        Domain = settings.Domain,
        IsEssential = true,
    };
}
