using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// An e-mail template. Each value is the template itself, <c>file://&lt;path&gt;</c> (relative to the host's content root, or the
/// working directory without a host) or <c>base64://&lt;text&gt;</c> (as Kratos accepts; remote <c>http(s)://</c> templates are refused). Templates use Go template syntax, limited to
/// <c>{{ .Field }}</c> actions; see docs/invitations.md.
/// </summary>
public sealed class EmailTemplateOptions
{
    /// <summary><c>subject</c>: rendered on one line (line breaks become spaces, outer whitespace is trimmed).</summary>
    [ConfigurationKeyName("subject")]
    public string? Subject { get; set; }

    /// <summary><c>body</c>: the plain-text and HTML bodies.</summary>
    [ConfigurationKeyName("body")]
    public EmailBodyTemplateOptions Body { get; set; } = new();
}
