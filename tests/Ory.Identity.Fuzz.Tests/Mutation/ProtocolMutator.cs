using System.Text;
using Ory.Identity.Fuzz.Tests.Http;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>
/// Mutations below the application: the method, the body's framing, and raw request lines and header blocks that
/// Kestrel itself must refuse (a request line with bad spacing or version, control characters, header lines without a
/// colon, oversized header blocks, HTTP/1.0 without Host).
/// </summary>
public static class ProtocolMutator
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FUZZ", "get", "CONNECT"];

    /// <summary>The request with another method.</summary>
    public static FuzzRequest OtherMethod(Random rng, FuzzRequest request) =>
        request with { Method = rng.Pick(Methods), Mutations = [.. request.Mutations, "method:other"] };

    /// <summary>The request with its body framed otherwise (no length, chunked, malformed chunks, understated length).</summary>
    public static FuzzRequest Framing(Random rng, FuzzRequest request)
    {
        var framing = rng.Pick([BodyFraming.Unframed, BodyFraming.Chunked, BodyFraming.MalformedChunked, BodyFraming.ContentLengthUnderstated]);
        return request with { Body = request.Body ?? "{}"u8.ToArray(), Framing = framing, Mutations = [.. request.Mutations, $"framing:{framing}"] };
    }

    /// <summary>The request as raw bytes with a malformed request line or header block.</summary>
    public static FuzzRequest Raw(Random rng, FuzzRequest request, int port)
    {
        var host = $"Host: 127.0.0.1:{port}\r\n";
        var (head, label) = rng.Next(12) switch
        {
            0 => ($"{request.Method}  {request.Target} HTTP/1.1\r\n{host}", "raw:double-space"),
            1 => ($"{request.Method} {request.Target} HTTP/1.2\r\n{host}", "raw:version"),
            2 => ($"{request.Method} {request.Target}\r\n{host}", "raw:no-version"),
            3 => ($"{request.Method} {request.Target}\u0000 HTTP/1.1\r\n{host}", "raw:nul-in-target"),
            4 => ($"{request.Method} http://evil.example{request.Target} HTTP/1.1\r\n{host}", "raw:absolute-form"),
            5 => ($"{request.Method} * HTTP/1.1\r\n{host}", "raw:asterisk-form"),
            6 => ($"{request.Method} {request.Target} HTTP/1.1\r\n{host}X-No-Colon\r\n", "raw:header-without-colon"),
            7 => ($"{request.Method} {request.Target} HTTP/1.1\r\n{host}X-Fold: a\r\n b\r\n", "raw:folded-header"),
            8 => ($"{request.Method} {request.Target} HTTP/1.1\r\n{host}X-Big: {new string('b', 40_000)}\r\n", "raw:oversized-headers"),
            9 => ($"{request.Method} {request.Target} HTTP/1.0\r\n", "raw:http10-without-host"),
            10 => ($"{request.Method} {request.Target} HTTP/1.1\n{host.Replace("\r\n", "\n", StringComparison.Ordinal)}", "raw:bare-lf"),
            _ => ($"{request.Method} {request.Target} HTTP/1.1\r\n{host}X-Ctl: a\u0001b\r\nBad Name: x\r\n", "raw:bad-header-name"),
        };
        var body = request.Body ?? [];
        var bytes = Encoding.Latin1.GetBytes($"{head}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return request with { Raw = [.. bytes, .. body], Mutations = [.. request.Mutations, label] };
    }
}
