namespace Ory.Identity.Browser.Tests.Support;

/// <summary>A message the SMTP server received, with its bodies decoded.</summary>
/// <param name="MailFrom">The envelope sender.</param>
/// <param name="RcptTos">The envelope recipients.</param>
/// <param name="Subject">The Subject header.</param>
/// <param name="Text">The text/plain body, or empty.</param>
/// <param name="Html">The text/html body, or empty.</param>
internal sealed record DeliveredMessage(string MailFrom, IReadOnlyList<string> RcptTos, string Subject, string Text, string Html);
