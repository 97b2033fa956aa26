using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// <c>selfservice.flows.recovery.rate_limit</c>: at most <see cref="MaxMessages"/> recovery messages per address per
/// <see cref="Window"/>. Beyond it the flow answers exactly as usual but nothing is sent, so the limit reveals nothing
/// about accounts. Counted per process.
/// </summary>
public sealed class RecoveryRateLimitOptions
{
    /// <summary><c>max_messages</c>: messages per address per window; 0 turns the limit off. Default 5.</summary>
    [ConfigurationKeyName("max_messages")]
    public int MaxMessages { get; set; } = 5;

    /// <summary><c>window</c>: the window (Go duration). Default <c>1h</c>.</summary>
    [ConfigurationKeyName("window")]
    public string Window { get; set; } = "1h";
}
