
namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>Deleting an identity's sessions removes all of them (active, revoked, expired) and counts them; other identities' stay.</summary>
    [ConformanceCase]
    public async Task DeleteByIdentity_removes_every_session_of_the_identity_only()
    {
        var identity = Guid.CreateVersion7();
        var mine = new[]
        {
            await InsertSessionAsync(identity),
            await InsertSessionAsync(identity, active: false),
            await InsertSessionAsync(identity, expiresAt: Now),
        };
        var other = await InsertSessionAsync();

        (await Store.DeleteByIdentityAsync(identity, Ct)).Should().Be(3);

        foreach (var session in mine)
        {
            (await Store.GetAsync(session.Id, Ct)).Should().BeNull();
            (await Store.FindByTokenHashAsync([session.TokenHash], Ct)).Should().BeNull();
        }

        (await Store.ListByIdentityAsync(identity, null, Now, Ct)).Should().BeEmpty();
        await ShouldBeStoredAsync(other);
        (await Store.DeleteByIdentityAsync(identity, Ct)).Should().Be(0);
    }

    /// <summary>A deleted session's token hash can be stored again (it is gone from the unique index too).</summary>
    [ConformanceCase]
    public async Task DeleteByIdentity_frees_the_token_hash()
    {
        var session = await InsertSessionAsync();
        await Store.DeleteByIdentityAsync(session.IdentityId, Ct);

        var again = SessionStoreTestData.NewSession() with { TokenHash = session.TokenHash };
        await Store.InsertAsync(again, Ct);

        ShouldBeSame(await Store.FindByTokenHashAsync([session.TokenHash], Ct), again);
    }

    /// <summary>Sessions expiring at or before the instant are deleted and counted; one expiring a microsecond later stays.</summary>
    [ConformanceCase]
    public async Task DeleteExpired_removes_sessions_expired_at_or_before_the_instant()
    {
        var cutoff = Now + SessionStoreTestData.Lifespan;
        var earlier = await InsertSessionAsync(expiresAt: cutoff - SessionStoreTestData.Microsecond);
        var atCutoff = await InsertSessionAsync(expiresAt: cutoff);
        var later = await InsertSessionAsync(expiresAt: cutoff + SessionStoreTestData.Microsecond);
        var revokedLater = await InsertSessionAsync(expiresAt: cutoff + SessionStoreTestData.Microsecond, active: false);

        (await Store.DeleteExpiredAsync(cutoff, Ct)).Should().Be(2);

        (await Store.GetAsync(earlier.Id, Ct)).Should().BeNull();
        (await Store.GetAsync(atCutoff.Id, Ct)).Should().BeNull();
        await ShouldBeStoredAsync(later);
        await ShouldBeStoredAsync(revokedLater);
        (await Store.DeleteExpiredAsync(cutoff, Ct)).Should().Be(0);
    }
}
