using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// One delivery attempt with MailKit, as Kratos's courier makes it (Kratos: courier/smtp.go): a new connection per
/// message with a 10-second timeout, TLS as the connection URI says, authentication when the URI has a user and the
/// server offers it, From/To/Subject and the configured headers, the plain-text body and, when the message has one,
/// the HTML body as its alternative.
/// </summary>
internal sealed class SmtpMessageDelivery(SmtpCourierSettings settings)
{
    /// <summary>Kratos's dialer timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends one message.</summary>
    /// <exception cref="InvalidRecipientException">The recipient is not an email address.</exception>
    public async Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken)
    {
        using var mime = Compose(message);
        var connection = settings.Connection;
        using var client = new SmtpClient
        {
            Timeout = (int)Timeout.TotalMilliseconds,
            LocalDomain = settings.LocalName,
        };
        if (connection.SkipCertificateVerification)
        {
#pragma warning disable CA5359 // skip_ssl_verify=true asks for it (development only), as in Kratos
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        if (connection.ServerName == connection.Host)
        {
            await client.ConnectAsync(connection.Host, connection.Port, connection.Security, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // server_name: the TLS name differs from the host dialed.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connectTimeout.CancelAfter(Timeout);
                await socket.ConnectAsync(connection.Host, connection.Port, connectTimeout.Token).ConfigureAwait(false);
                await client.ConnectAsync(socket, connection.ServerName, connection.Port, connection.Security, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (connection.UserName is not null && client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
        {
            await client.AuthenticateAsync(new NetworkCredential(connection.UserName, connection.Password ?? string.Empty), cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MIME message: text/plain alone, or multipart/alternative with text/html when the message has an HTML body.</summary>
    public MimeMessage Compose(RecoveryMessage message)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out var recipient) || !recipient.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidRecipientException();
        }

        var mime = new MimeMessage();
        mime.From.Add(settings.From);
        mime.To.Add(new MailboxAddress(null, recipient.Address));
        mime.Subject = message.Subject;
        foreach (var (name, value) in settings.Headers)
        {
            mime.Headers[name] = value; // as Kratos's SetHeader: a configured header replaces one set above
        }

        mime.Body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
