using System.Text;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>
/// Mutations of the request target: odd spellings of UUIDs in route parameters, percent-encoding (valid, invalid,
/// double, of invalid UTF-8, of NUL), overlong values, odd path shapes, and query parameters with hostile values.
/// </summary>
public static class TargetMutator
{
    private static readonly string[] QueryNames =
    [
        "page", "per_page", "page_size", "page_token", "credentials_identifier", "ids", "include_credential", "flow", "token",
        "code", "return_to", "id", "organization_id", "preview_credentials_identifier_similar", "consistency", "identifier",
    ];

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "1", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e3", "0x10", " 1", "1 ",
        "%00", "%FF", "%C3%28", "%ED%A0%80", "%", "%zz", "+", "%2B", "a%26b%3Dc", "//evil.example/", "https://evil.example/",
        "javascript:alert(1)", "\\\\evil.example", "http://127.0.0.1:4455/%0d%0aSet-Cookie:x", "password", "oidc", "totp",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "strong", "eventual",
    ];

    /// <summary>A mutation of the target <paramref name="pattern"/> + <paramref name="query"/>; <paramref name="parameters"/> are the filled route parameters.</summary>
    public static (string Target, string Label) Apply(Random rng, string pattern, IReadOnlyDictionary<string, string> parameters, string query)
    {
        string Path(Func<string, string, string> change) =>
            Seeds.RoutePattern.Fill(pattern, name => change(name, parameters[name]));
        var names = parameters.Keys.ToList();
        var target = names.Count == 0 ? null : names[rng.Next(names.Count)];
        var filled = Path((_, value) => value);

        switch (rng.Next(target is null ? 5 : 8))
        {
            case 0:
                return (filled + MutateQuery(rng, query), "query:hostile-value");
            case 1:
                return (PercentEncode(rng, filled) + query, "path:percent-encoded");
            case 2:
                return (InsertAt(rng, filled, rng.Pick(["%ZZ", "%", "%FF", "%C3%28", "%ED%A0%80", "%00", "%2F", "%252F", "%5C", ";x=1", "%20", "\u00FF"])) + query, "path:bad-escape");
            case 3:
                return (rng.Pick([filled + "/", filled.Replace("/", "//", StringComparison.Ordinal), filled + "/./", filled + "/../x", filled.ToUpperInvariant(), filled + "/extra", filled[..filled.LastIndexOf('/')]]) + query, "path:shape");
            case 4:
                var length = rng.Pick([300, 4_000, 9_000, 20_000]);
                return (filled + (query.Length == 0 ? "?" : query + "&") + rng.Pick(QueryNames) + "=" + new string('a', length), $"query:overlong({length})");
            case 5:
                return (Path((name, value) => name == target ? OddSpelling(rng, value) : value) + query, "path:odd-uuid");
            case 6:
                var overlong = rng.Pick([300, 4_000, 9_000]);
                return (Path((name, value) => name == target ? string.Concat(Enumerable.Repeat(value, (overlong / Math.Max(1, value.Length)) + 1)) : value) + query, $"path:overlong({overlong})");
            default:
                return (Path((name, value) => name == target ? InsertAt(rng, value, rng.Pick(["%00", "%FF", "%ED%A0%80", "%20", "%2F..%2F", "%0A", "\u00E9"])) : value) + query, "path:param-escape");
        }
    }

    /// <summary>Ways to write a UUID that Kratos's parser may or may not take: case, braces, no hyphens, URNs, spaces, truncation.</summary>
    public static string OddSpelling(Random rng, string value)
    {
        if (!Guid.TryParse(value, out var id))
        {
            return rng.Pick([value.ToUpperInvariant(), "%20" + value, value + "%20", "", value + "x", value + "%2F", ".", ".."]);
        }

        return rng.Pick(
        [
            id.ToString("D").ToUpperInvariant(), id.ToString("B"), id.ToString("P"), id.ToString("N"), "urn:uuid:" + id.ToString("D"),
            "%20" + id.ToString("D"), id.ToString("D") + "%20", "+" + id.ToString("D"), id.ToString("D")[..35], id.ToString("D") + "0",
            id.ToString("D").Replace("-", "%2D", StringComparison.Ordinal), id.ToString("D").Replace('a', 'g'), "00000000-0000-0000-0000-000000000000",
            id.ToString("X"), "%7B" + id.ToString("D") + "%7D", id.ToString("D") + "%00", "%EF%BC%90" + id.ToString("D")[1..],
        ]);
    }

    private static string MutateQuery(Random rng, string query)
    {
        var parts = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var value = rng.Pick(QueryValues);
        switch (rng.Next(4))
        {
            case 0 when parts.Count > 0:
                var at = rng.Next(parts.Count);
                parts[at] = parts[at].Split('=')[0] + "=" + value;
                break;
            case 1 when parts.Count > 0:
                parts.Add(parts[rng.Next(parts.Count)].Split('=')[0] + "=" + value);
                break;
            case 2:
                parts.Add(rng.Pick(["&&==", "=", "a[b]=c", "%=%", "x=%G0", "=1", "&"]));
                break;
            default:
                parts.Add(rng.Pick(QueryNames) + "=" + value);
                break;
        }

        return "?" + string.Join('&', parts);
    }

    private static string PercentEncode(Random rng, string path)
    {
        var text = new StringBuilder();
        foreach (var c in path)
        {
            text.Append(c != '/' && rng.Next(3) == 0 ? $"%{(int)c:X2}" : c.ToString());
        }

        return text.ToString();
    }

    private static string InsertAt(Random rng, string text, string insert)
    {
        var at = rng.Next(1, text.Length + 1);
        return text[..at] + insert + text[at..];
    }
}
