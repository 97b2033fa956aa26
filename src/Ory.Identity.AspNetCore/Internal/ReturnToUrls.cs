using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Where browser flows may return to (Kratos's x/redir/secure_redirect.go): <c>selfservice.allowed_return_urls</c> and
/// <c>&lt;serve.public.base_url&gt;/self-service</c>, relative URLs resolved against the flow's default return URL.
/// For the flow endpoints: <c>ReturnToPolicy.Resolve</c> with this configuration.
/// </summary>
internal sealed class ReturnToUrls(RecoverySettings recovery, IOptions<OryIdentityOptions> options)
{
    private readonly Uri _publicBaseUrl = new(options.Value.Serve.Public.BaseUrl);

    /// <summary><c>selfservice.default_browser_return_url</c>, else the public base URL.</summary>
    public Uri DefaultBrowserReturnUrl => UrlOr(options.Value.SelfService.DefaultBrowserReturnUrl, _publicBaseUrl);

    /// <summary>
    /// Where a logout returns to: <paramref name="returnTo"/> when allowed; without one,
    /// <c>selfservice.flows.logout.after.default_browser_return_url</c>, else <see cref="DefaultBrowserReturnUrl"/>.
    /// </summary>
    /// <exception cref="ReturnToForbiddenException">Not allowed.</exception>
    public Uri ForLogout(string? returnTo) =>
        Resolve(returnTo, UrlOr(options.Value.SelfService.Flows.Logout.After.DefaultBrowserReturnUrl, DefaultBrowserReturnUrl));

    /// <summary><paramref name="returnTo"/> when allowed (a relative one resolved against <paramref name="defaultReturnTo"/>), else <paramref name="defaultReturnTo"/> when it is empty.</summary>
    /// <exception cref="ReturnToForbiddenException">Not allowed.</exception>
    /// <exception cref="InvalidRequestException">Not a URL.</exception>
    public Uri Resolve(string? returnTo, Uri defaultReturnTo) =>
        ReturnToPolicy.Resolve(returnTo, recovery.AllowedReturnUrls, _publicBaseUrl, defaultReturnTo);

    private static Uri UrlOr(string? url, Uri fallback) => string.IsNullOrEmpty(url) ? fallback : new Uri(url);
}
