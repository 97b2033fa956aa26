using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.methods.link.config</c>.</summary>
public sealed class LinkMethodConfig
{
    /// <summary><c>lifespan</c>: how long a link lives unless the issuer says otherwise (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "1h";

    /// <summary>
    /// <c>base_url</c>: the absolute URL recovery links start with; when unset, <c>serve.public.base_url</c>.
    /// (Kratos deprecated this key; Ory.Identity honours it, since hosts put the recovery endpoint behind their own URL.)
    /// </summary>
    [ConfigurationKeyName("base_url")]
    public string? BaseUrl { get; set; }
}
