using System.Security.Cryptography;
using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Builds <see cref="RecoveryFlowRecord"/>s and <see cref="RecoverySecret"/>s for recovery store tests at fixed instants
/// with microsecond precision (so SQL stores round-trip them exactly). Reused by the conformance kit and by third-party
/// stores.
/// </summary>
public static class RecoveryStoreTestData
{
    /// <summary>When test flows and secrets are issued: 2024-05-01T12:34:56.123456Z (microsecond precision).</summary>
    public static Instant IssuedAt { get; } = Instant.FromUtc(2024, 5, 1, 12, 34, 56).PlusTicks(1_234_560);

    /// <summary>How long test flows and secrets live: one hour.</summary>
    public static Duration Lifespan { get; } = Duration.FromHours(1);

    /// <summary>When test flows and secrets expire: <see cref="IssuedAt"/> plus <see cref="Lifespan"/>.</summary>
    public static Instant ExpiresAt { get; } = IssuedAt + Lifespan;

    /// <summary>An instant while test flows and secrets are live: ten minutes after <see cref="IssuedAt"/>.</summary>
    public static Instant During { get; } = IssuedAt + Duration.FromMinutes(10);

    /// <summary>The smallest step a store must keep: one microsecond.</summary>
    public static Duration Microsecond { get; } = Duration.FromTicks(10);

    /// <summary>A new random hash shaped like a stored one: 64 lower-case hex characters (HMAC-SHA512/256).</summary>
    public static string NewHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// A browser flow using codes, sent to <paramref name="identityId"/>, in state <see cref="RecoveryFlowState.SentEmail"/>,
    /// issued at <see cref="IssuedAt"/>, with a <c>return_to</c> and no submissions yet.
    /// </summary>
    /// <param name="identityId">The identity it was sent to; a new one when null.</param>
    /// <param name="expiresAt">When it expires; <see cref="ExpiresAt"/> when null.</param>
    /// <param name="id">The flow id; a new UUIDv7 when null.</param>
    public static RecoveryFlowRecord NewFlow(Guid? identityId = null, Instant? expiresAt = null, Guid? id = null)
    {
        var flowId = id ?? Guid.CreateVersion7();
        return new RecoveryFlowRecord
        {
            Id = flowId,
            Type = SelfServiceFlowType.Browser,
            Active = RecoveryMethod.Code,
            State = RecoveryFlowState.SentEmail,
            IssuedAt = IssuedAt,
            ExpiresAt = expiresAt ?? ExpiresAt,
            RequestUrl = $"http://127.0.0.1:4433/self-service/recovery/browser?return_to=https%3A%2F%2Fapp.example.org%2F{flowId:N}",
            ReturnTo = $"https://app.example.org/{flowId:N}",
            IdentityId = identityId ?? Guid.CreateVersion7(),
        };
    }

    /// <summary>
    /// An unused self-service secret of <paramref name="flow"/> for the flow's identity, issued at <see cref="IssuedAt"/>,
    /// expiring with the flow unless told otherwise.
    /// </summary>
    /// <param name="flow">The flow it is bound to.</param>
    /// <param name="method">Token (link) or code.</param>
    /// <param name="hash">Its hash; a new random one when null.</param>
    /// <param name="expiresAt">When it expires; the flow's <see cref="RecoveryFlowRecord.ExpiresAt"/> when null.</param>
    /// <param name="identityId">The identity it recovers; the flow's <see cref="RecoveryFlowRecord.IdentityId"/> (or a new one) when null.</param>
    public static RecoverySecret NewSecret(
        RecoveryFlowRecord flow,
        RecoveryMethod method = RecoveryMethod.Code,
        string? hash = null,
        Instant? expiresAt = null,
        Guid? identityId = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new RecoverySecret
        {
            Id = Guid.CreateVersion7(),
            FlowId = flow.Id,
            IdentityId = identityId ?? flow.IdentityId ?? Guid.CreateVersion7(),
            Method = method,
            Origin = RecoverySecretOrigin.SelfService,
            Hash = hash ?? NewHash(),
            RecoveryAddressId = Guid.CreateVersion7(),
            CreatedAt = IssuedAt,
            ExpiresAt = expiresAt ?? flow.ExpiresAt,
        };
    }
}
