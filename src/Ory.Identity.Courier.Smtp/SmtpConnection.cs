using MailKit.Security;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// <c>courier.smtp.connection_uri</c>, parsed the way Kratos reads it (Kratos: courier/smtp.go): <c>smtps</c> is
/// implicit TLS, <c>smtp</c> requires STARTTLS unless <c>disable_starttls</c> is true, <c>skip_ssl_verify</c> accepts
/// any certificate, <c>server_name</c> names the certificate's host. <see cref="ToString"/> prints no user or password.
/// </summary>
internal sealed class SmtpConnection
{
    public const string Key = "courier.smtp.connection_uri";

    private SmtpConnection()
    {
    }

    public string Scheme { get; private init; } = "smtps";

    public string Host { get; private init; } = string.Empty;

    public int Port { get; private init; }

    public SecureSocketOptions Security { get; private init; }

    public bool SkipCertificateVerification { get; private init; }

    /// <summary>The name the server's certificate must carry: <c>server_name</c>, else the host.</summary>
    public string ServerName { get; private init; } = string.Empty;

    public string? UserName { get; private init; }

    public string? Password { get; private init; }

    /// <summary>Parses a connection URI; the error names the key and never quotes the URI (it may hold a password).</summary>
    /// <exception cref="FormatException">The URI is missing or malformed.</exception>
    public static SmtpConnection Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"{Key} is required: an smtp:// or smtps:// URI such as smtps://user:password@mail.example.com:465/.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0)
        {
            throw new FormatException($"{Key} must be an absolute URI with the scheme smtp or smtps and a host, such as smtps://user:password@mail.example.com:465/.");
        }

        var query = ParseQuery(uri.Query);
        var implicitTls = uri.Scheme == "smtps";
        var disableStartTls = Flag(query, "disable_starttls"); // ignored for smtps, as in Kratos
        var (user, password) = ParseUserInfo(uri.UserInfo);
        var host = uri.IdnHost.Trim('[', ']');
        return new SmtpConnection
        {
            Scheme = uri.Scheme,
            Host = host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? (implicitTls ? 465 : 25) : uri.Port,
            Security = implicitTls ? SecureSocketOptions.SslOnConnect : disableStartTls ? SecureSocketOptions.None : SecureSocketOptions.StartTls,
            SkipCertificateVerification = Flag(query, "skip_ssl_verify"),
            ServerName = query.TryGetValue("server_name", out var serverName) && serverName.Length > 0 ? serverName : host,
            UserName = user,
            Password = password,
        };
    }

    /// <summary>The scheme, host and port only.</summary>
    public override string ToString() => $"{Scheme}://{Host}:{Port}";

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            values[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return values;
    }

    /// <summary>A boolean query parameter, with the spellings Go's <c>strconv.ParseBool</c> accepts; absent is false.</summary>
    private static bool Flag(Dictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var value))
        {
            return false;
        }

        return value switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new FormatException($"{Key}: the query parameter {name} must be true or false."),
        };
    }

    private static (string? User, string? Password) ParseUserInfo(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return (null, null);
        }

        var parts = userInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(parts[0]);
        var password = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null;
        return (user.Length == 0 ? null : user, password);
    }
}
