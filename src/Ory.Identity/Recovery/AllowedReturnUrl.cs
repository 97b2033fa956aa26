namespace Ory.Identity;

/// <summary>
/// One entry of <c>selfservice.allowed_return_urls</c> (Kratos's x/redir/secure_redirect.go): a scheme, a host (which
/// may start with <c>*.</c> to allow every subdomain: <c>*.example.com</c> allows <c>a.example.com</c>, not
/// <c>example.com</c>), a port and a path.
/// </summary>
internal sealed class AllowedReturnUrl
{
    // Uri refuses "*" in a host: the wildcard label stands in as this (never a real label) while the rest is parsed.
    private const string WildcardLabel = "ory-identity-wildcard-label";

    private AllowedReturnUrl(Uri url, bool wildcard)
    {
        Url = url;
        Wildcard = wildcard;
    }

    /// <summary>The entry, with the wildcard label (if any) replaced by a placeholder.</summary>
    public Uri Url { get; }

    /// <summary>Whether the host starts with <c>*.</c>.</summary>
    public bool Wildcard { get; }

    /// <summary>
    /// Parses an absolute http(s) URL whose host may start with <c>*.</c> followed by at least two labels (a bare
    /// <c>*</c> or a <c>*.com</c> would allow whole top-level domains, so they are refused).
    /// </summary>
    public static bool TryParse(string? text, out AllowedReturnUrl? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wildcard = false;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && text.AsSpan(schemeEnd + 3).StartsWith("*", StringComparison.Ordinal))
        {
            if (!text.AsSpan(schemeEnd + 3).StartsWith("*.", StringComparison.Ordinal))
            {
                return false;
            }

            wildcard = true;
            text = string.Concat(text.AsSpan(0, schemeEnd + 3), WildcardLabel, text.AsSpan(schemeEnd + 4));
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || (wildcard && parsed.IdnHost.Count(c => c == '.') < 2))
        {
            return false;
        }

        url = new AllowedReturnUrl(parsed, wildcard);
        return true;
    }

    /// <summary>Creates an entry from an absolute URL without a wildcard (such as <c>&lt;public base URL&gt;/self-service</c>).</summary>
    public static AllowedReturnUrl Of(Uri url) => new(url, false);

    /// <summary>
    /// Whether <paramref name="candidate"/> is allowed by this entry: the same scheme (case-insensitive), the same host
    /// (case-insensitive; for a wildcard entry, a host ending in the entry's host after the <c>*</c>), the same port, and
    /// a path equal to the entry's or under it (at a <c>/</c>: <c>/dash</c> does not allow <c>/dashboard</c>, which
    /// Kratos's plain string prefix would).
    /// </summary>
    public bool Matches(Uri candidate) =>
        candidate.IsAbsoluteUri
        && string.Equals(candidate.Scheme, Url.Scheme, StringComparison.OrdinalIgnoreCase)
        && HostMatches(candidate.IdnHost)
        && candidate.Port == Url.Port
        && PathMatches(candidate.AbsolutePath);

    private bool HostMatches(string host) =>
        Wildcard
            ? host.EndsWith(Url.IdnHost[WildcardLabel.Length..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, Url.IdnHost, StringComparison.OrdinalIgnoreCase);

    private bool PathMatches(string path)
    {
        var allowed = Url.AbsolutePath.TrimEnd('/');
        return allowed.Length == 0
            || path == allowed
            || path.StartsWith(allowed + "/", StringComparison.Ordinal);
    }

    /// <summary>The entry as configured (wildcard included).</summary>
    public override string ToString() => Wildcard ? Url.ToString().Replace(WildcardLabel, "*", StringComparison.Ordinal) : Url.ToString();
}
