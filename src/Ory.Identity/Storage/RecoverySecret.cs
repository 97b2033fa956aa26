using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// A recovery token (link) or code, stored only as a keyed hash (hex HMAC-SHA512/256 with the first configured secret).
/// </summary>
public sealed record RecoverySecret
{
    /// <summary>The secret's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The flow the secret is bound to; it redeems only through this flow.</summary>
    public required Guid FlowId { get; init; }

    /// <summary>The identity it recovers.</summary>
    public required Guid IdentityId { get; init; }

    /// <summary>Token (link) or code.</summary>
    public required RecoveryMethod Method { get; init; }

    /// <summary>Admin-issued or sent by self-service.</summary>
    public required RecoverySecretOrigin Origin { get; init; }

    /// <summary>The lower-case hex keyed hash of the token or code. Never the token or code itself.</summary>
    public required string Hash { get; init; }

    /// <summary>The recovery address it was sent to (self-service only).</summary>
    public Guid? RecoveryAddressId { get; init; }

    /// <summary>When it was issued.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When it expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>When it was redeemed; null while unused. A secret redeems at most once.</summary>
    public Instant? UsedAt { get; init; }

    /// <summary>Never prints the hash.</summary>
    public override string ToString() => $"RecoverySecret {{ Id = {Id}, FlowId = {FlowId}, Method = {Method}, Origin = {Origin} }}";
}
