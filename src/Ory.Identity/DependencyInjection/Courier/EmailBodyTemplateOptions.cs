using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>The bodies of an e-mail template.</summary>
public sealed class EmailBodyTemplateOptions
{
    /// <summary><c>plaintext</c>: the text body (<see cref="RecoveryMessage.Body"/>).</summary>
    [ConfigurationKeyName("plaintext")]
    public string? Plaintext { get; set; }

    /// <summary><c>html</c>: the HTML body (<see cref="RecoveryMessage.HtmlBody"/>); inserted values are HTML-escaped.</summary>
    [ConfigurationKeyName("html")]
    public string? Html { get; set; }
}
