namespace Ory.Identity;

/// <summary>
/// The <c>request_url</c> of a flow started in process: the init endpoint Kratos would have been called at, carrying
/// <c>return_to</c> (and <c>refresh</c>) in its query, where Kratos reads them back from (selfservice/flow/request.go).
/// </summary>
internal static class FlowRequestUrl
{
    /// <summary><c>&lt;public&gt;/self-service/&lt;flow&gt;/&lt;api|browser&gt;[?refresh=true][&amp;return_to=…]</c>.</summary>
    public static string Build(string publicBaseUrl, string flowName, SelfServiceFlowType type, string? returnTo, bool refresh = false)
    {
        var query = new List<string>(2);
        if (refresh)
        {
            query.Add("refresh=true");
        }

        if (!string.IsNullOrEmpty(returnTo))
        {
            query.Add("return_to=" + Uri.EscapeDataString(returnTo));
        }

        var url = $"{publicBaseUrl}/self-service/{flowName}/{(type == SelfServiceFlowType.Api ? "api" : "browser")}";
        return query.Count == 0 ? url : url + "?" + string.Join('&', query);
    }

    /// <summary>The <c>return_to</c> query parameter of a request URL; null when none or empty.</summary>
    public static string? ReturnToOf(string requestUrl) => QueryValue(requestUrl, "return_to") is { Length: > 0 } value ? value : null;

    /// <summary>A query parameter of a URL, decoded; null when absent.</summary>
    public static string? QueryValue(string url, string name)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        var prefix = name + "=";
        foreach (var pair in url[(query + 1)..].Split('&'))
        {
            if (pair.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[prefix.Length..].Replace('+', ' '));
            }
        }

        return null;
    }
}
