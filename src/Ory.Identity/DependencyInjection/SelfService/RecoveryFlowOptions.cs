using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>selfservice.flows.recovery</c>: self-service account recovery.</summary>
public sealed class RecoveryFlowOptions
{
    /// <summary>Kratos's default recovery UI.</summary>
    public const string DefaultUiUrl = "https://www.ory.com/kratos/docs/fallback/recovery";

    /// <summary>
    /// <c>enabled</c>: whether users may start recovery themselves. Default false. Admin-issued links and codes, and
    /// links and codes already sent, work either way.
    /// </summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>use</c>: the method self-service flows start with, <c>code</c> (default) or <c>link</c>.</summary>
    [ConfigurationKeyName("use")]
    public string Use { get; set; } = "code";

    /// <summary><c>lifespan</c>: how long a self-service flow lives (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "1h";

    /// <summary><c>ui_url</c>: the recovery UI; admin-issued codes link to it with <c>?flow=&lt;id&gt;</c>.</summary>
    [ConfigurationKeyName("ui_url")]
    public string UiUrl { get; set; } = DefaultUiUrl;

    /// <summary>
    /// <c>notify_unknown_recipients</c>: send an "account access attempted" message to an address no identity has.
    /// Default false: nothing is sent, and the answer is the same either way.
    /// </summary>
    [ConfigurationKeyName("notify_unknown_recipients")]
    public bool NotifyUnknownRecipients { get; set; }

    /// <summary>
    /// <c>rate_limit</c> (an Ory.Identity extension; Kratos has none): how many recovery messages one address may be sent.
    /// </summary>
    [ConfigurationKeyName("rate_limit")]
    public RecoveryRateLimitOptions RateLimit { get; set; } = new();
}
