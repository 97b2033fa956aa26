using System.Text;
using Ory.Identity.Fuzz.Tests.Http;

namespace Ory.Identity.Fuzz.Tests.Report;

/// <summary>
/// A shell command that sends a request again to a QuickStart on its usual ports (admin 4434, public 4433): curl for a
/// well-framed request, <c>printf … | nc</c> for raw bytes and other framings. The request's secrets are replaced by
/// <c>&lt;secret&gt;</c>; bodies over 2 KB are cut (the cut is said).
/// </summary>
public static class Reproduction
{
    private const int MaxShown = 2048;

    /// <summary>The command for <paramref name="request"/>.</summary>
    public static string Of(FuzzRequest request)
    {
        var port = request.Api == FuzzApi.Admin ? 4434 : 4433;
        if (request.Raw is not null || request.Framing != BodyFraming.ContentLength)
        {
            return $"printf %s {Quote(RawHttpClient.Encode(request, port), request.Secrets)} | nc -q 5 127.0.0.1 {port}";
        }

        var command = new StringBuilder($"curl -sS -i -X {request.Method} ");
        command.Append(Quote(Encoding.Latin1.GetBytes($"http://127.0.0.1:{port}{request.Target}"), request.Secrets)).Append(" --path-as-is");
        if (request.Host is not null)
        {
            command.Append(" -H ").Append(Quote(Encoding.Latin1.GetBytes($"Host: {request.Host}"), request.Secrets));
        }

        foreach (var (name, value) in request.Headers)
        {
            command.Append(" -H ").Append(Quote(Encoding.Latin1.GetBytes($"{name}: {value}"), request.Secrets));
        }

        if (request.Body is not null)
        {
            command.Append(" --data-binary ").Append(Quote(request.Body, request.Secrets));
        }

        return command.ToString();
    }

    // $'…' with every byte outside printable ASCII (and ' and \) escaped as \xNN.
    private static string Quote(byte[] bytes, IReadOnlyList<string> secrets)
    {
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            text = text.Replace(secret, "<secret>", StringComparison.Ordinal);
        }

        var cut = text.Length > MaxShown ? text.Length - MaxShown : 0;
        var quoted = new StringBuilder("$'");
        foreach (var c in cut > 0 ? text[..MaxShown] : text)
        {
            quoted.Append(c is >= ' ' and < '\u007f' and not '\'' and not '\\' ? c.ToString() : $"\\x{(int)c & 0xFF:x2}");
        }

        quoted.Append('\'');
        return cut > 0 ? $"{quoted} (… {cut} more bytes)" : quoted.ToString();
    }
}
