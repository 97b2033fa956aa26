using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The recovery flow (or the link token in it) expired (410 <c>self_service_flow_expired</c>; UI message 4060005
/// "The recovery flow expired N minutes ago, please try again.").
/// </summary>
public sealed class RecoveryFlowExpiredException : RecoveryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expiredAt">When the flow expired.</param>
    /// <param name="now">The current instant.</param>
    public RecoveryFlowExpiredException(Instant expiredAt, Instant now)
        : this(RecoveryTexts.Expired(expiredAt, now), expiredAt, now - expiredAt)
    {
    }

    private RecoveryFlowExpiredException(UiText message, Instant expiredAt, Duration expiredFor)
        : base(Build(410, "The self-service flow expired", message.Text, "self_service_flow_expired"), message)
    {
        ExpiredAt = expiredAt;
        ExpiredFor = expiredFor;
    }

    /// <summary>When the flow expired.</summary>
    public Instant ExpiredAt { get; }

    /// <summary>How long ago the flow expired, by the library's clock.</summary>
    public Duration ExpiredFor { get; }
}
