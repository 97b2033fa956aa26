using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ory.Identity.Fuzz.Tests.Http;

/// <summary>
/// Sends a <see cref="FuzzRequest"/> byte for byte over a fresh TCP connection (<c>Connection: close</c>) and reads the
/// whole answer, so that what Kestrel sees is exactly what was generated: no client library normalises the request
/// line, the Host header or the framing.
/// </summary>
public static class RawHttpClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The bytes of <paramref name="request"/> as they go on the wire to <paramref name="port"/>.</summary>
    public static byte[] Encode(FuzzRequest request, int port)
    {
        if (request.Raw is not null)
        {
            return request.Raw;
        }

        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{request.Method} {request.Target} HTTP/1.1\r\n");
        if (request.Host is null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Host: 127.0.0.1:{port}\r\n");
        }
        else if (request.Host.Length > 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Host: {request.Host}\r\n");
        }

        foreach (var (name, value) in request.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var body = request.Body ?? [];
        switch (request.Framing)
        {
            case BodyFraming.ContentLength when request.Body is not null:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
                break;
            case BodyFraming.ContentLengthUnderstated:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length / 2}\r\n");
                break;
            case BodyFraming.Chunked or BodyFraming.MalformedChunked:
                head.Append("Transfer-Encoding: chunked\r\n");
                break;
        }

        head.Append("Connection: close\r\n\r\n");
        using var bytes = new MemoryStream();
        bytes.Write(Latin1OrUtf8(head.ToString()));
        switch (request.Framing)
        {
            case BodyFraming.Chunked:
                bytes.Write(Encoding.ASCII.GetBytes(body.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                bytes.Write(body);
                bytes.Write("\r\n0\r\n\r\n"u8);
                break;
            case BodyFraming.MalformedChunked:
                bytes.Write("zz\r\n"u8);
                bytes.Write(body);
                bytes.Write("\r\n0\r\n\r\n"u8);
                break;
            default:
                bytes.Write(body);
                break;
        }

        return bytes.ToArray();
    }

    /// <summary>Sends the request and reads the answer; null when the server sent nothing parseable in time.</summary>
    public static async Task<RawResponse?> SendAsync(FuzzRequest request, int port)
    {
        using var client = new TcpClient { NoDelay = true };
        using var timeout = new CancellationTokenSource(Timeout);
        using var answer = new MemoryStream();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encode(request, port), timeout.Token);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // A reset after the answer (Kestrel closing on an unread body) still leaves the answer readable.
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return RawResponse.Parse(answer.ToArray());
    }

    // Latin-1 keeps every byte a generator put in a char below U+0100; anything above goes as its UTF-8 bytes.
    private static byte[] Latin1OrUtf8(string text) =>
        text.All(c => c <= '\u00FF') ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
}
