
namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>
    /// Revoking an identity's sessions deactivates those active at now and counts only them: sessions already revoked or
    /// already expired at now are not counted (and stay as they were); other identities' sessions are untouched.
    /// </summary>
    [ConformanceCase]
    public async Task RevokeByIdentity_deactivates_and_counts_only_sessions_active_at_now()
    {
        var identity = Guid.CreateVersion7();
        var first = await InsertSessionAsync(identity);
        var second = await InsertSessionAsync(identity);
        var revoked = await InsertSessionAsync(identity, active: false);
        var expired = await InsertSessionAsync(identity, expiresAt: Now);
        var other = await InsertSessionAsync();

        (await Store.RevokeByIdentityAsync(identity, null, Now, Ct)).Should().Be(2);

        await ShouldBeStoredAsync(first with { Active = false });
        await ShouldBeStoredAsync(second with { Active = false });
        await ShouldBeStoredAsync(revoked);
        await ShouldBeStoredAsync(expired);
        await ShouldBeStoredAsync(other);
        (await Store.RevokeByIdentityAsync(identity, null, Now, Ct)).Should().Be(0, "nothing is active any more");
    }

    /// <summary>The excepted session (the caller's own) stays active; the others of the identity are revoked.</summary>
    [ConformanceCase]
    public async Task RevokeByIdentity_keeps_the_excepted_session()
    {
        var identity = Guid.CreateVersion7();
        var current = await InsertSessionAsync(identity);
        var others = new[] { await InsertSessionAsync(identity), await InsertSessionAsync(identity) };

        (await Store.RevokeByIdentityAsync(identity, current.Id, Now, Ct)).Should().Be(2);

        await ShouldBeStoredAsync(current);
        foreach (var other in others)
        {
            await ShouldBeStoredAsync(other with { Active = false });
        }
    }

    /// <summary>An except id of another identity's session neither protects it nor changes the count.</summary>
    [ConformanceCase]
    public async Task RevokeByIdentity_with_another_identitys_session_as_except_revokes_all_of_the_identity()
    {
        var identity = Guid.CreateVersion7();
        var mine = await InsertSessionAsync(identity);
        var foreign = await InsertSessionAsync();

        (await Store.RevokeByIdentityAsync(identity, foreign.Id, Now, Ct)).Should().Be(1);

        await ShouldBeStoredAsync(mine with { Active = false });
        await ShouldBeStoredAsync(foreign);
    }

    /// <summary>"Active at now" is on the caller's clock: a session expiring at T is revoked at T-1µs and not counted at T.</summary>
    [ConformanceCase]
    public async Task RevokeByIdentity_uses_the_given_now_for_expiry()
    {
        var expiry = Now + SessionStoreTestData.Lifespan;
        var atT = Guid.CreateVersion7();
        var beforeT = Guid.CreateVersion7();
        var atTSession = await InsertSessionAsync(atT, expiresAt: expiry);
        var beforeTSession = await InsertSessionAsync(beforeT, expiresAt: expiry);

        (await Store.RevokeByIdentityAsync(atT, null, expiry, Ct)).Should().Be(0);
        (await Store.RevokeByIdentityAsync(beforeT, null, expiry - SessionStoreTestData.Microsecond, Ct)).Should().Be(1);

        await ShouldBeStoredAsync(atTSession);
        await ShouldBeStoredAsync(beforeTSession with { Active = false });
    }
}
