using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>A recovery flow as stored. Holds no secret and no address.</summary>
public sealed record RecoveryFlowRecord
{
    /// <summary>The flow id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Browser or API.</summary>
    public required SelfServiceFlowType Type { get; init; }

    /// <summary>The method in use.</summary>
    public required RecoveryMethod Active { get; init; }

    /// <summary>Where the flow is in its state machine.</summary>
    public required RecoveryFlowState State { get; init; }

    /// <summary>When the flow was created.</summary>
    public required Instant IssuedAt { get; init; }

    /// <summary>When the flow expires; nothing is redeemed through it after that.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The URL the flow was started from (carries <c>return_to</c>).</summary>
    public required string RequestUrl { get; init; }

    /// <summary>Where to send the user after recovery; null when none.</summary>
    public string? ReturnTo { get; init; }

    /// <summary>The identity the flow was issued for (admin flows) or sent to (self-service); null before that.</summary>
    public Guid? IdentityId { get; init; }

    /// <summary>The identity recovered, once the flow passed its challenge.</summary>
    public Guid? RecoveredIdentityId { get; init; }

    /// <summary>How many codes were submitted to this flow (capped by <c>max_submissions</c>).</summary>
    public int SubmitCount { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RecoveryFlowRecord {{ Id = {Id}, Type = {Type}, Active = {Active}, State = {State} }}";
}
