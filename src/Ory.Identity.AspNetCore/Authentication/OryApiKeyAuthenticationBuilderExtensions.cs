using Microsoft.AspNetCore.Authentication;

namespace Ory.Identity.AspNetCore;

/// <summary>Adds API key authentication of machine identities to ASP.NET Core authentication.</summary>
public static class OryApiKeyAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="OryApiKeyDefaults.AuthenticationScheme"/> scheme: requests with
    /// <c>Authorization: Bearer ory_ak_…</c> are authenticated as the key's machine identity (claims in
    /// <see cref="OryApiKeyClaimTypes"/>). Needs <c>services.AddOryIdentity(…)</c>.
    /// </summary>
    /// <param name="builder">The builder <c>services.AddAuthentication()</c> returns.</param>
    /// <param name="configure">Changes the options, e.g. <c>o =&gt; o.HeaderName = "X-API-Key"</c>.</param>
    public static AuthenticationBuilder AddOryApiKey(this AuthenticationBuilder builder, Action<OryApiKeyAuthenticationOptions>? configure = null) =>
        builder.AddOryApiKey(OryApiKeyDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the API key scheme under another name.</summary>
    /// <param name="builder">The builder <c>services.AddAuthentication()</c> returns.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Changes the options.</param>
    public static AuthenticationBuilder AddOryApiKey(this AuthenticationBuilder builder, string authenticationScheme, Action<OryApiKeyAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        return builder.AddScheme<OryApiKeyAuthenticationOptions, OryApiKeyAuthenticationHandler>(authenticationScheme, displayName: "Ory.Identity API key", configure);
    }
}
