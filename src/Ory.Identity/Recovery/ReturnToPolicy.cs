namespace Ory.Identity;

/// <summary>
/// Checks <c>return_to</c> against <c>selfservice.allowed_return_urls</c>: same scheme, host and port as an allowed URL
/// and a path at or under its path. Nothing else is allowed, so links cannot become open redirects.
/// </summary>
internal static class ReturnToPolicy
{
    public static void EnsureAllowed(Uri? returnTo, IReadOnlyList<Uri> allowed)
    {
        if (returnTo is null)
        {
            return;
        }

        if (!returnTo.IsAbsoluteUri || !allowed.Any(a => Matches(returnTo, a)))
        {
            // The text as sent: Uri's canonical form can differ from it (on Unix "//host/" parses as file://host/).
            throw new InvalidRequestException($"Requested return_to URL \"{returnTo.OriginalString}\" is not allowed.");
        }

        // The flow stores the URL's text, which keeps a raw NUL (e.g. decoded from a query string) as it is (NulCharacterRule).
        if (NulCharacterRule.Holds(returnTo.ToString()))
        {
            throw NulCharacterRule.Refusal("return_to");
        }
    }

    private static bool Matches(Uri candidate, Uri allowed) =>
        string.Equals(candidate.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(candidate.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
        && candidate.Port == allowed.Port
        && (allowed.AbsolutePath == "/" || candidate.AbsolutePath == allowed.AbsolutePath.TrimEnd('/')
            || candidate.AbsolutePath.StartsWith(allowed.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal));
}
