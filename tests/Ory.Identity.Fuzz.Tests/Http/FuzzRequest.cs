namespace Ory.Identity.Fuzz.Tests.Http;

/// <summary>
/// One generated request: what goes on the wire (request line, headers, body and its framing, or raw bytes for
/// protocol-level cases), which route it was made from, the mutations applied, and the secrets it carries (to be
/// redacted from every report).
/// </summary>
public sealed record FuzzRequest
{
    /// <summary>The listener it is sent to.</summary>
    public required FuzzApi Api { get; init; }

    /// <summary>The route pattern it was generated from, e.g. <c>/admin/identities/{id}</c>.</summary>
    public required string Route { get; init; }

    /// <summary>The method on the request line.</summary>
    public required string Method { get; init; }

    /// <summary>The request target (path and query) as sent; characters above U+00FF are sent as UTF-8.</summary>
    public required string Target { get; init; }

    /// <summary>The <c>Host</c> header; null for the listener's address, empty to send none.</summary>
    public string? Host { get; init; }

    /// <summary>Headers other than <c>Host</c>, <c>Content-Length</c>, <c>Transfer-Encoding</c> and <c>Connection</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The body, or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>How the body is delimited.</summary>
    public BodyFraming Framing { get; init; } = BodyFraming.ContentLength;

    /// <summary>When set, these bytes are sent instead of everything above (malformed request lines and headers).</summary>
    public byte[]? Raw { get; init; }

    /// <summary>What was done to the seed, e.g. <c>body:lone-surrogate</c>.</summary>
    public IReadOnlyList<string> Mutations { get; init; } = [];

    /// <summary>Secrets in the request (API keys, recovery tokens and codes, hashes) that no report may print.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Never prints the body or headers: they may hold secrets.</summary>
    public override string ToString() => $"{Method} {Route} [{string.Join(", ", Mutations)}]";
}
