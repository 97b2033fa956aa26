using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>The two templates of a recovery method: for a known address (<c>valid</c>) and an unknown one (<c>invalid</c>).</summary>
public sealed class CourierTemplateVariantsOptions
{
    /// <summary><c>valid</c>: the message carrying the link or code.</summary>
    [ConfigurationKeyName("valid")]
    public CourierTemplateOptions Valid { get; set; } = new();

    /// <summary><c>invalid</c>: "account access attempted", sent when <c>notify_unknown_recipients</c> is on.</summary>
    [ConfigurationKeyName("invalid")]
    public CourierTemplateOptions Invalid { get; set; } = new();
}
