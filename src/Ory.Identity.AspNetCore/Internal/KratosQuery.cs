using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Query-string helpers that behave like Go's <c>net/url</c>, so Link headers match Kratos's byte for byte.</summary>
internal static class KratosQuery
{
    /// <summary>Go's <c>url.Values.Get</c>: the first value, or empty.</summary>
    public static string Get(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 ? values[0] ?? string.Empty : string.Empty;

    /// <summary>A mutable copy of the query, keys in request order.</summary>
    public static Dictionary<string, List<string>> Copy(IQueryCollection query)
    {
        var copy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            copy[key] = [.. values.Select(v => v ?? string.Empty)];
        }

        return copy;
    }

    /// <summary>Go's <c>url.Values.Encode</c>: keys sorted, each value escaped with <c>url.QueryEscape</c>.</summary>
    public static string Encode(Dictionary<string, List<string>> values)
    {
        var builder = new StringBuilder();
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var value in values[key])
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(Escape(key)).Append('=').Append(Escape(value));
            }
        }

        return builder.ToString();
    }

    /// <summary>Go's <c>url.QueryEscape</c>.</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>One <c>Link</c> entry: <c>&lt;path?query&gt;; rel="rel"</c>.</summary>
    public static string LinkEntry(string path, Dictionary<string, List<string>> query, string rel) =>
        $"<{path}?{Encode(query)}>; rel=\"{rel}\"";

    /// <summary>
    /// ory/x keysetpagination's <c>Link</c> header: <c>rel="first"</c> with <paramref name="firstToken"/> as
    /// <c>page_token</c> (none when null) and, unless <paramref name="nextToken"/> is null (the last page), <c>rel="next"</c>.
    /// </summary>
    public static string KeysetLinks(string path, Dictionary<string, List<string>> query, int pageSize, string? firstToken, string? nextToken)
    {
        query["page_size"] = [pageSize.ToString(CultureInfo.InvariantCulture)];
        if (firstToken is null)
        {
            query.Remove("page_token");
        }
        else
        {
            query["page_token"] = [firstToken];
        }

        var header = LinkEntry(path, query, "first");
        if (nextToken is not null)
        {
            query["page_token"] = [nextToken];
            header += "," + LinkEntry(path, query, "next");
        }

        return header;
    }

    /// <summary>
    /// Go's <c>strconv.Atoi</c> on a 64-bit server, with its error text as Kratos puts it in the 400 reason; a value
    /// beyond the range of <see cref="int"/> (still an <c>int</c> in Go) is saturated to it, as every caller clamps.
    /// </summary>
    public static int Atoi(string text)
    {
        var isInteger = IsGoInteger(text);
        if (isInteger && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
        }

        throw new InvalidRequestException($"strconv.Atoi: parsing {GoFormat.Quote(text)}: {(isInteger ? "value out of range" : "invalid syntax")}");
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 10, 0)</c> used leniently, as Kratos's page paginator: null when invalid.</summary>
    public static long? TryParseLong(string text) =>
        IsGoInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Go's decimal integer syntax: one optional sign, then one or more ASCII digits. .NET's parser alone would also take
    /// trailing NUL characters.
    /// </summary>
    private static bool IsGoInteger(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// Kratos's "is this a JSON request" (x/isjsonrequest.go): <c>Content-Type</c> is exactly <c>application/json</c>,
    /// or <c>Accept</c> negotiates to <c>application/json</c> among text/html, text/*, */* and application/json
    /// (golang/gddo's negotiation; no Accept means HTML).
    /// </summary>
    public static bool IsJsonRequest(HttpRequest request)
    {
        if (string.Equals(request.ContentType, "application/json", StringComparison.Ordinal))
        {
            return true;
        }

        return Negotiate(request.Headers.Accept, ["text/html", "text/*", "*/*", "application/json"], "text/html") == "application/json";
    }

    private static string Negotiate(StringValues accept, string[] offers, string defaultOffer)
    {
        var specs = ParseAccept(accept);
        var bestOffer = defaultOffer;
        var bestQ = -1.0;
        var bestWild = 3;
        foreach (var offer in offers)
        {
            foreach (var (value, q) in specs)
            {
                if (q == 0.0 || q < bestQ)
                {
                    continue;
                }

                if (value == "*/*")
                {
                    if (q > bestQ || bestWild > 2)
                    {
                        (bestQ, bestWild, bestOffer) = (q, 2, offer);
                    }
                }
                else if (value.EndsWith("/*", StringComparison.Ordinal))
                {
                    if (offer.StartsWith(value[..^1], StringComparison.OrdinalIgnoreCase) && (q > bestQ || bestWild > 1))
                    {
                        (bestQ, bestWild, bestOffer) = (q, 1, offer);
                    }
                }
                else if (string.Equals(value, offer, StringComparison.OrdinalIgnoreCase) && (q > bestQ || bestWild > 0))
                {
                    (bestQ, bestWild, bestOffer) = (q, 0, offer);
                }
            }
        }

        return bestOffer;
    }

    private static List<(string Value, double Q)> ParseAccept(StringValues headers)
    {
        var specs = new List<(string, double)>();
        foreach (var header in headers)
        {
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            foreach (var part in header.Split(','))
            {
                var pieces = part.Split(';');
                var value = pieces[0].Trim().ToLowerInvariant();
                if (value.Length == 0)
                {
                    continue;
                }

                var q = 1.0;
                foreach (var parameter in pieces.Skip(1))
                {
                    var kv = parameter.Split('=', 2);
                    if (kv.Length == 2 && kv[0].Trim() == "q"
                        && double.TryParse(kv[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    {
                        q = parsed;
                    }
                }

                specs.Add((value, q));
            }
        }

        return specs;
    }
}
