using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>One entry of <c>identity.schemas</c>.</summary>
public sealed class IdentitySchemaOptions
{
    /// <summary><c>id</c>: the schema id identities refer to.</summary>
    [ConfigurationKeyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// <c>url</c>: where the schema is loaded from: <c>file://path</c> (relative paths resolve against the host's
    /// <c>IHostEnvironment.ContentRootPath</c>, or the working directory without a host), <c>base64://&lt;standard base64 of the JSON&gt;</c>, or the JSON text itself. Network URLs are refused.
    /// </summary>
    [ConfigurationKeyName("url")]
    public string Url { get; set; } = string.Empty;

    /// <summary><c>selfservice_selectable</c>: accepted for compatibility with Kratos configurations.</summary>
    [ConfigurationKeyName("selfservice_selectable")]
    public bool SelfServiceSelectable { get; set; }

    /// <summary>
    /// <c>kind</c> (our extension): <c>person</c> (default) or <c>machine</c>. A machine schema may not mark traits as
    /// credential identifiers, recovery or verification addresses; its identities authenticate with API keys.
    /// </summary>
    [ConfigurationKeyName("kind")]
    public IdentitySchemaKind Kind { get; set; }
}
