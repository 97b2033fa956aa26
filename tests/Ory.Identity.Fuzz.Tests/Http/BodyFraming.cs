namespace Ory.Identity.Fuzz.Tests.Http;

/// <summary>How a request's body is delimited on the wire.</summary>
public enum BodyFraming
{
    /// <summary>A correct <c>Content-Length</c> (none without a body).</summary>
    ContentLength,

    /// <summary>No <c>Content-Length</c> and no <c>Transfer-Encoding</c>: the body bytes are left unread.</summary>
    Unframed,

    /// <summary>A correct <c>Transfer-Encoding: chunked</c> body in one chunk.</summary>
    Chunked,

    /// <summary><c>Transfer-Encoding: chunked</c> with a chunk size that is not hexadecimal.</summary>
    MalformedChunked,

    /// <summary>A <c>Content-Length</c> of half the body: the rest follows as if it were the next request.</summary>
    ContentLengthUnderstated,
}
