using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// Builds <see cref="SessionRecord"/>s for session store tests at fixed instants with microsecond precision (so SQL
/// stores round-trip them exactly). Reused by the conformance kit and by third-party stores.
/// </summary>
public static class SessionStoreTestData
{
    /// <summary>When test sessions are issued and inserted: 2024-05-01T12:34:56.123456Z (microsecond precision).</summary>
    public static Instant CreatedAt { get; } = Instant.FromUtc(2024, 5, 1, 12, 34, 56).PlusTicks(1_234_560);

    /// <summary>How long test sessions live: one day.</summary>
    public static Duration Lifespan { get; } = Duration.FromDays(1);

    /// <summary>When test sessions expire: <see cref="CreatedAt"/> plus <see cref="Lifespan"/>.</summary>
    public static Instant ExpiresAt { get; } = CreatedAt + Lifespan;

    /// <summary>An instant while test sessions are live: one hour after <see cref="CreatedAt"/>.</summary>
    public static Instant During { get; } = CreatedAt + Duration.FromHours(1);

    /// <summary>The smallest step a store must keep: one microsecond.</summary>
    public static Duration Microsecond { get; } = Duration.FromTicks(10);

    /// <summary>
    /// An active aal1 session of <paramref name="identityId"/> authenticated by password at <paramref name="createdAt"/>,
    /// with one device, and a new random token hash (<see cref="RecoveryStoreTestData.NewHash"/>).
    /// </summary>
    /// <param name="identityId">The identity; a new one when null.</param>
    /// <param name="createdAt">When it was issued and inserted; <see cref="CreatedAt"/> when null.</param>
    /// <param name="expiresAt">When it expires; <paramref name="createdAt"/> plus <see cref="Lifespan"/> when null.</param>
    /// <param name="active">Whether it is stored active.</param>
    /// <param name="id">The session id; a new random one when null (random, so ties on the creation time order by id).</param>
    public static SessionRecord NewSession(
        Guid? identityId = null,
        Instant? createdAt = null,
        Instant? expiresAt = null,
        bool active = true,
        Guid? id = null)
    {
        var created = createdAt ?? CreatedAt;
        return new SessionRecord
        {
            Id = id ?? Guid.NewGuid(),
            IdentityId = identityId ?? Guid.CreateVersion7(),
            TokenHash = RecoveryStoreTestData.NewHash(),
            Active = active,
            ExpiresAt = expiresAt ?? created + Lifespan,
            AuthenticatedAt = created,
            IssuedAt = created,
            CreatedAt = created,
            AuthenticatorAssuranceLevel = AuthenticatorAssuranceLevel.Aal1,
            AuthenticationMethods = [Method("password", created)],
            Devices =
            [
                new SessionDevice
                {
                    Id = Guid.CreateVersion7(),
                    IpAddress = "192.0.2.10",
                    UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0",
                    Location = "Munich, DE",
                },
            ],
        };
    }

    /// <summary>An aal1 authentication method completed at <paramref name="completedAt"/>.</summary>
    /// <param name="method">The method's name, e.g. <c>password</c>.</param>
    /// <param name="completedAt">When it was completed.</param>
    public static SessionAuthenticationMethod Method(string method, Instant completedAt) =>
        new() { Method = method, Aal = AuthenticatorAssuranceLevel.Aal1, CompletedAt = completedAt };
}
