using Microsoft.AspNetCore.Authentication;

namespace Ory.Identity.AspNetCore;

/// <summary>Adds Ory session authentication (the session cookie and session tokens) to ASP.NET Core authentication.</summary>
public static class OrySessionAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="OrySessionDefaults.AuthenticationScheme"/> scheme: a request presenting an active session
    /// (<c>X-Session-Token</c>, the session cookie, or <c>Authorization: Bearer ory_st_…</c>, in Kratos's order) is
    /// authenticated as the session's identity (claims in <see cref="OrySessionClaimTypes"/>). Needs
    /// <c>services.AddOryIdentity(…)</c>; registers <c>services.AddOryIdentityHttp()</c>'s services (idempotent) for the
    /// session cookie.
    /// </summary>
    /// <param name="builder">The builder <c>services.AddAuthentication()</c> returns.</param>
    /// <param name="configure">Changes the options.</param>
    public static AuthenticationBuilder AddOrySession(this AuthenticationBuilder builder, Action<OrySessionAuthenticationOptions>? configure = null) =>
        builder.AddOrySession(OrySessionDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the session scheme under another name.</summary>
    /// <param name="builder">The builder <c>services.AddAuthentication()</c> returns.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Changes the options.</param>
    public static AuthenticationBuilder AddOrySession(this AuthenticationBuilder builder, string authenticationScheme, Action<OrySessionAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        builder.Services.AddOryIdentityHttp();
        return builder.AddScheme<OrySessionAuthenticationOptions, OrySessionAuthenticationHandler>(authenticationScheme, displayName: "Ory.Identity session", configure);
    }
}
