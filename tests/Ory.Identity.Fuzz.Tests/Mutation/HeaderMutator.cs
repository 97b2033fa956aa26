using Ory.Identity.Fuzz.Tests.Http;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>Mutations of the Content-Type, Accept, Authorization and Host headers (and a few others clients send).</summary>
public static class HeaderMutator
{
    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/json; charset=utf-16", "application/json; charset=latin1", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json, text/html", ";;;", "application/merge-patch+json",
        "application/json-patch+json", "APPLICATION/JSON", "application/json;", "application/jsonx", "*/*", "application/\u00e9",
        "application/json; boundary=\"", new string('a', 4000),
    ];

    private static readonly string[] Accepts = ["text/html", "application/xml", "*/*;q=0", "garbage", "application/json;q=-1", "", new string('x', 4000)];

    private static readonly string[] Hosts =
    [
        "evil.example", "127.0.0.1:1", "[::1", "a b", "h\u00e9st", new string('h', 300), "127.0.0.1:99999", "@evil.example",
        "127.0.0.1:4434/x", "127.0.0.1:-1", "localhost:", ":80",
    ];

    /// <summary>A mutation of one header of <paramref name="request"/>; <paramref name="apiKey"/> is the seeded key's secret.</summary>
    public static FuzzRequest Apply(Random rng, FuzzRequest request, string apiKey)
    {
        var headers = request.Headers.ToList();
        void Set(string name, string? value)
        {
            headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                headers.Add(new(name, value));
            }
        }

        string label;
        switch (rng.Next(6))
        {
            case 0:
                Set("Content-Type", rng.Next(5) == 0 ? null : rng.Pick(ContentTypes));
                label = "header:content-type";
                break;
            case 1:
                Set("Accept", rng.Pick(Accepts));
                label = "header:accept";
                break;
            case 2:
                Set("Authorization", rng.Pick(
                [
                    "Bearer", "Bearer ", $"Bearer  {apiKey}", "Basic Zm9vOmJhcg==", $"Bearer {apiKey}x", $"bearer {apiKey}",
                    $"Bearer {apiKey[..^4]}", "Bearer ory_ak_x_y", "Bearer ory_ak_" + new string('z', 5000), $"Bearer {apiKey},Bearer {apiKey}",
                    "Bearer \u00e9", $"Token {apiKey}", $"Bearer {apiKey} ", "Negotiate abc",
                ]));
                label = "header:authorization";
                break;
            case 3:
                return request with { Host = rng.Next(4) == 0 ? string.Empty : rng.Pick(Hosts), Mutations = [.. request.Mutations, "header:host"] };
            case 4:
                headers.Add(new("Host", "evil.example"));
                label = "header:second-host";
                break;
            default:
                headers.Add(rng.Pick<KeyValuePair<string, string>>(
                [
                    new("Cookie", "ory_kratos_session=garbage; csrf_token=\u00ff"), new("X-Forwarded-Host", "evil.example"),
                    new("X-Forwarded-Proto", "gopher"), new("Accept-Encoding", "gzip;q=2"), new("If-None-Match", "*"),
                    new("Range", "bytes=0-1"), new("Content-Encoding", "gzip"), new("X-Session-Token", "garbage"),
                ]));
                label = "header:other";
                break;
        }

        return request with { Headers = headers, Mutations = [.. request.Mutations, label] };
    }
}
