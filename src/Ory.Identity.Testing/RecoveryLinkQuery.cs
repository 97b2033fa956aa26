namespace Ory.Identity.Testing;

/// <summary>Reads the <c>flow</c> and <c>token</c> query parameters of a recovery link, as the link endpoint does.</summary>
public static class RecoveryLinkQuery
{
    /// <summary>The token of a recovery link (its <c>token</c> query parameter, unescaped).</summary>
    /// <exception cref="ArgumentException">The link is not an absolute http(s) URL or has no token.</exception>
    public static string Token(string link) =>
        Parameter(link, "token") ?? throw new ArgumentException("The recovery link has no token parameter.", nameof(link));

    /// <summary>The recovery flow id of a recovery link (its <c>flow</c> query parameter).</summary>
    /// <exception cref="ArgumentException">The link is not an absolute http(s) URL or has no flow id.</exception>
    public static Guid FlowId(string link) =>
        Guid.TryParse(Parameter(link, "flow"), out var flow)
            ? flow
            : throw new ArgumentException("The recovery link has no flow parameter holding a flow id.", nameof(link));

    private static string? Parameter(string link, string name)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The recovery link is not an absolute http or https URL.", nameof(link));
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == name)
            {
                return parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            }
        }

        return null;
    }
}
