namespace Ory.Identity;

/// <summary>
/// Checks <c>return_to</c> against <c>selfservice.allowed_return_urls</c> (Kratos's x/redir/secure_redirect.go): the same
/// scheme, host (or a <c>*.</c> subdomain) and port as an allowed URL and a path at or under its path
/// (<see cref="AllowedReturnUrl.Matches"/>). Nothing else is allowed, so links cannot become open redirects.
/// </summary>
internal static class ReturnToPolicy
{
    /// <summary>
    /// Refuses an absolute <paramref name="returnTo"/> that no entry allows, and any relative one (recovery links and
    /// API flows have no default URL to resolve it against). Null is fine.
    /// </summary>
    /// <exception cref="ReturnToForbiddenException">Not allowed.</exception>
    public static void EnsureAllowed(Uri? returnTo, IReadOnlyList<AllowedReturnUrl> allowed)
    {
        if (returnTo is null)
        {
            return;
        }

        if (!returnTo.IsAbsoluteUri || !allowed.Any(a => a.Matches(returnTo)))
        {
            // The text as sent: Uri's canonical form can differ from it (on Unix "//host/" parses as file://host/).
            throw new ReturnToForbiddenException(returnTo.OriginalString);
        }

        // The flow stores the URL's text, which keeps a raw NUL (e.g. decoded from a query string) as it is (NulCharacterRule).
        if (NulCharacterRule.Holds(returnTo.ToString()))
        {
            throw NulCharacterRule.Refusal("return_to");
        }
    }

    /// <summary>
    /// Where a browser flow returns to (Kratos's <c>SecureRedirectTo</c>): <paramref name="defaultReturnTo"/> when
    /// <paramref name="returnTo"/> is null or empty; otherwise <paramref name="returnTo"/>, a relative one resolved against
    /// <paramref name="defaultReturnTo"/> (which gives it scheme and host), when an entry of <paramref name="allowed"/> or
    /// <c>&lt;publicBaseUrl&gt;/self-service</c> allows it.
    /// </summary>
    /// <exception cref="InvalidRequestException">Not a URL (400 "Unable to parse the return_to query parameter as an URL: …").</exception>
    /// <exception cref="ReturnToForbiddenException">Not allowed.</exception>
    public static Uri Resolve(string? returnTo, IReadOnlyList<AllowedReturnUrl> allowed, Uri publicBaseUrl, Uri defaultReturnTo)
    {
        if (string.IsNullOrEmpty(returnTo))
        {
            return defaultReturnTo;
        }

        if (!Uri.TryCreate(returnTo, UriKind.RelativeOrAbsolute, out var parsed)
            || (!parsed.IsAbsoluteUri && !Uri.TryCreate(defaultReturnTo, parsed, out parsed)))
        {
            throw new InvalidRequestException($"Unable to parse the return_to query parameter as an URL: parse \"{returnTo}\": invalid URL");
        }

        EnsureAllowed(parsed, [.. allowed, AllowedReturnUrl.Of(new Uri(publicBaseUrl.AbsoluteUri.TrimEnd('/') + "/self-service"))]);
        return parsed;
    }
}
