using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>courier.smtp</c>: Kratos's SMTP settings (Kratos: courier/smtp.go, docs kratos/concepts/email-sms). Holds the
/// connection URI's password: never log these options.
/// </summary>
public sealed class SmtpServerOptions
{
    /// <summary>Kratos's default sender address, <c>no-reply@ory.kratos.sh</c>.</summary>
    public const string DefaultFromAddress = "no-reply@ory.kratos.sh";

    /// <summary>
    /// <c>courier.smtp.connection_uri</c> (required): <c>smtps://user:password@host:port/</c> for implicit TLS, or
    /// <c>smtp://user:password@host:port/</c> for STARTTLS, which is then required. Query parameters as in Kratos:
    /// <c>disable_starttls=true</c> (smtp only: cleartext, for development), <c>skip_ssl_verify=true</c> (accept any
    /// certificate, for development) and <c>server_name=…</c> (the name the certificate is checked against; default the
    /// host). Without a port, 25 for smtp and 465 for smtps. User and password are URL-encoded and optional.
    /// </summary>
    [ConfigurationKeyName("connection_uri")]
    public string? ConnectionUri { get; set; }

    /// <summary><c>courier.smtp.from_address</c>: the sender's address. Default <see cref="DefaultFromAddress"/>.</summary>
    [ConfigurationKeyName("from_address")]
    public string FromAddress { get; set; } = DefaultFromAddress;

    /// <summary><c>courier.smtp.from_name</c>: the sender's display name; none when empty (the default).</summary>
    [ConfigurationKeyName("from_name")]
    public string? FromName { get; set; }

    /// <summary><c>courier.smtp.headers</c>: extra headers set on every message (e.g. <c>X-SES-SOURCE-ARN</c>).</summary>
    [ConfigurationKeyName("headers")]
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>courier.smtp.local_name</c>: the name the courier gives in HELO/EHLO. Default <c>localhost</c>, as in Kratos.</summary>
    [ConfigurationKeyName("local_name")]
    public string LocalName { get; set; } = "localhost";
}
