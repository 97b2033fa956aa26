using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>One courier template.</summary>
public sealed class CourierTemplateOptions
{
    /// <summary><c>email</c>: the e-mail's subject and bodies.</summary>
    [ConfigurationKeyName("email")]
    public EmailTemplateOptions Email { get; set; } = new();
}
