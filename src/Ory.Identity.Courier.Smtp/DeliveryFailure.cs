using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// Why an attempt failed, in words of our own: never the server's reply text or an exception message, which may quote
/// an address or the message. <see cref="Permanent"/> failures are not retried: an SMTP 5xx reply, as in Kratos
/// (courier/smtp.go abandons on a reply code of 500 or more), and a recipient that is not an address.
/// </summary>
internal sealed record DeliveryFailure(string Text, bool Permanent)
{
    public static DeliveryFailure From(Exception exception) => exception switch
    {
        InvalidRecipientException => new("the recipient is not a valid email address", true),
        SmtpCommandException command => FromReply(command),
        AuthenticationException => new("authentication failed", true),
        SslHandshakeException => new("the TLS handshake failed (is the certificate trusted, or skip_ssl_verify set?)", false),
        NotSupportedException when exception.Source == "MailKit" => new("the server does not offer STARTTLS (disable_starttls=true allows cleartext)", false),
        SocketException socket => new($"could not connect ({socket.SocketErrorCode})", false),
        SmtpProtocolException => new("the SMTP conversation failed", false),
        TimeoutException or OperationCanceledException => new("the server did not answer in time", false),
        IOException => new("the connection was lost", false),
        _ => new($"delivery failed ({exception.GetType().Name})", false),
    };

    private static DeliveryFailure FromReply(SmtpCommandException command)
    {
        var code = (int)command.StatusCode;
        var what = command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "the server refused the recipient",
            SmtpErrorCode.SenderNotAccepted => "the server refused the sender",
            SmtpErrorCode.MessageNotAccepted => "the server refused the message",
            _ => "the server replied with an error",
        };
        return new($"{what} ({code})", code >= 500);
    }
}
