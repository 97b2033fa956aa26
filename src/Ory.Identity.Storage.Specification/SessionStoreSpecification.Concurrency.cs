using System.Collections.Concurrent;

namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>32 concurrent updates of one session, each appending an authentication method, lose none.</summary>
    [ConformanceCase]
    public async Task Parallel_updates_appending_methods_lose_none()
    {
        const int writers = 32;
        var session = await InsertSessionAsync();

        await RunInParallelAsync(writers, async writer =>
            await Store.UpdateAsync(session.Id, current =>
            {
                var appended = current with { AuthenticationMethods = [.. current.AuthenticationMethods, SessionStoreTestData.Method($"m{writer}", Now)] };
                Thread.Sleep(1); // Widens the read-modify-write window so that a lost update would show.
                return appended;
            }, Ct));

        var stored = await Store.GetAsync(session.Id, Ct);
        stored!.AuthenticationMethods.Select(m => m.Method).Should()
            .BeEquivalentTo(["password", .. Enumerable.Range(0, writers).Select(i => $"m{i}")]);
        stored.AuthenticationMethods[0].Method.Should().Be("password", "appends keep the older methods first");
    }

    /// <summary>
    /// A revocation (an update setting <c>Active</c> false) racing readers and updaters of the session: every read or
    /// update that started after the revocation returned sees the session inactive, no update brings it back, and no
    /// appended method is lost (repeated over rounds).
    /// </summary>
    [ConformanceCase]
    public Task Revoke_by_update_racing_use_is_seen_by_every_later_read() =>
        RevokeRacingUseAsync(async session =>
        {
            var revoked = await Store.UpdateAsync(session.Id, current => current with { Active = false }, Ct);
            revoked!.Active.Should().BeFalse();
        });

    /// <summary>As <see cref="Revoke_by_update_racing_use_is_seen_by_every_later_read"/>, revoking with <see cref="ISessionStore.RevokeByIdentityAsync"/>.</summary>
    [ConformanceCase]
    public Task Revoke_by_identity_racing_use_is_seen_by_every_later_read() =>
        RevokeRacingUseAsync(async session =>
            (await Store.RevokeByIdentityAsync(session.IdentityId, null, Now, Ct)).Should().Be(1));

    private async Task RevokeRacingUseAsync(Func<SessionRecord, Task> revoke)
    {
        const int rounds = 5, users = 8, usesPerUser = 6;
        for (var round = 0; round < rounds; round++)
        {
            var session = await InsertSessionAsync();
            var revokedFlag = 0;
            var appended = new ConcurrentBag<string>();
            var staleAfterRevoke = new ConcurrentBag<string>();

            await RunInParallelAsync(users + 1, async worker =>
            {
                if (worker == users)
                {
                    await revoke(session);
                    Volatile.Write(ref revokedFlag, 1);
                    return;
                }

                for (var use = 0; use < usesPerUser; use++)
                {
                    var afterRevoke = Volatile.Read(ref revokedFlag) == 1;
                    SessionRecord? seen;
                    if ((worker + use) % 2 == 0)
                    {
                        seen = await Store.FindByTokenHashAsync([session.TokenHash], Ct);
                    }
                    else
                    {
                        var name = $"w{worker}u{use}";
                        seen = await Store.UpdateAsync(session.Id, current =>
                            current with { AuthenticationMethods = [.. current.AuthenticationMethods, SessionStoreTestData.Method(name, Now)] }, Ct);
                        appended.Add(name);
                    }

                    if (afterRevoke && seen!.Active)
                    {
                        staleAfterRevoke.Add($"worker {worker} use {use}");
                    }
                }
            });

            staleAfterRevoke.Should().BeEmpty("a revocation that returned is seen by every later read and update");
            var stored = await Store.GetAsync(session.Id, Ct);
            stored!.Active.Should().BeFalse("no update racing the revocation brings the session back");
            stored.AuthenticationMethods.Select(m => m.Method).Should().BeEquivalentTo(["password", .. appended]);
        }
    }
}
