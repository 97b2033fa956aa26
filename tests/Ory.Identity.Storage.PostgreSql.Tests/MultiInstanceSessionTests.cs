using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// Sessions across two independent service providers (as two processes would be) on one database: a session issued on
/// one authenticates on the other, and a revocation through one is seen at once through the other.
/// </summary>
public sealed class MultiInstanceSessionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task A_session_issued_on_one_instance_authenticates_on_the_other()
    {
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = MultiInstanceTests.Instance(connectionString);
        await using var second = MultiInstanceTests.Instance(connectionString);
        var identity = await first.GetRequiredService<IIdentityManager>().CreateAsync(MultiInstanceTests.Create($"issue-{Guid.NewGuid():N}@example.org"));
        var device = new SessionDevice { Id = Guid.CreateVersion7(), IpAddress = "203.0.113.5", UserAgent = "odd\0agent \U0001F600" };

        var issued = await first.GetRequiredService<ISessionManager>().IssueAsync(identity.Id, SessionAuthenticationMethods.Password, device);
        var seen = await second.GetRequiredService<ISessionManager>().AuthenticateAsync(issued.Token);

        seen.Should().NotBeNull();
        seen!.Id.Should().Be(issued.Session.Id);
        seen.Active.Should().BeTrue();
        seen.Identity!.Id.Should().Be(identity.Id);
        seen.AuthenticationMethods.Select(m => m.Method).Should().Equal(SessionAuthenticationMethods.Password);
        seen.Devices.Select(d => d.UserAgent).Should().Equal(issued.Session.Devices.Select(d => d.UserAgent));
    }

    [PostgresFact]
    public async Task A_session_revoked_through_one_instance_is_inactive_at_once_through_the_other()
    {
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = MultiInstanceTests.Instance(connectionString);
        await using var second = MultiInstanceTests.Instance(connectionString);
        var sessions = (First: first.GetRequiredService<ISessionManager>(), Second: second.GetRequiredService<ISessionManager>());
        var identity = await first.GetRequiredService<IIdentityManager>().CreateAsync(MultiInstanceTests.Create($"revoke-{Guid.NewGuid():N}@example.org"));
        var issued = await sessions.First.IssueAsync(identity.Id, SessionAuthenticationMethods.Password);
        (await sessions.First.AuthenticateAsync(issued.Token)).Should().NotBeNull();

        await sessions.Second.RevokeAsync(issued.Session.Id);

        (await sessions.First.AuthenticateAsync(issued.Token)).Should().BeNull();
        (await sessions.First.GetAsync(issued.Session.Id)).Active.Should().BeFalse();
        (await sessions.First.ListByIdentityAsync(identity.Id, active: true)).Should().BeEmpty();
    }

    [PostgresFact]
    public async Task Deleting_an_identity_on_one_instance_deletes_its_sessions_and_flows_for_the_other()
    {
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = MultiInstanceTests.Instance(connectionString);
        await using var second = MultiInstanceTests.Instance(connectionString);
        var identity = await first.GetRequiredService<IIdentityManager>().CreateAsync(MultiInstanceTests.Create($"delete-{Guid.NewGuid():N}@example.org"));
        var issued = await second.GetRequiredService<ISessionManager>().IssueAsync(identity.Id, SessionAuthenticationMethods.Password);
        var flow = SelfServiceFlowStoreTestData.NewFlow(SelfServiceFlowKind.Settings, identity.Id);
        await second.GetRequiredService<ISelfServiceFlowStore>().InsertAsync(flow);

        await first.GetRequiredService<IIdentityManager>().DeleteAsync(identity.Id);

        (await second.GetRequiredService<ISessionManager>().AuthenticateAsync(issued.Token)).Should().BeNull();
        (await second.GetRequiredService<ISessionStore>().GetAsync(issued.Session.Id)).Should().BeNull();
        (await second.GetRequiredService<ISelfServiceFlowStore>().GetAsync(flow.Id, flow.Kind)).Should().BeNull();
    }

    /// <summary>
    /// One instance revokes every session of an identity while the other keeps authenticating and re-authenticating
    /// them: every call that started after the revocation returned sees them inactive, and none comes back.
    /// </summary>
    [PostgresFact]
    public async Task Revoking_all_on_one_instance_while_the_other_uses_the_sessions_leaves_none_active()
    {
        const int sessionCount = 4, users = 6, usesPerUser = 8;
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        await using var first = MultiInstanceTests.Instance(connectionString);
        await using var second = MultiInstanceTests.Instance(connectionString);
        var revoker = first.GetRequiredService<ISessionManager>();
        var user = second.GetRequiredService<ISessionManager>();
        var identity = await first.GetRequiredService<IIdentityManager>().CreateAsync(MultiInstanceTests.Create($"race-{Guid.NewGuid():N}@example.org"));
        var issued = new List<IssuedSession>();
        for (var i = 0; i < sessionCount; i++)
        {
            issued.Add(await revoker.IssueAsync(identity.Id, SessionAuthenticationMethods.Password));
        }

        var revokedFlag = 0;
        var revokedCount = -1;
        var stale = new ConcurrentBag<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, users + 1).Select(worker => Task.Run(async () =>
        {
            await gate.Task;
            if (worker == users)
            {
                revokedCount = await revoker.RevokeAllAsync(identity.Id);
                Volatile.Write(ref revokedFlag, 1);
                return;
            }

            for (var use = 0; use < usesPerUser; use++)
            {
                var afterRevoke = Volatile.Read(ref revokedFlag) == 1;
                var session = issued[(worker + use) % sessionCount];
                var active = use % 2 == 0
                    ? await user.AuthenticateAsync(session.Token) is not null
                    : (await user.ReauthenticateAsync(session.Session.Id, SessionAuthenticationMethods.Password)).Active;
                if (afterRevoke && active)
                {
                    stale.Add($"worker {worker} use {use}");
                }
            }
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(workers);

        revokedCount.Should().Be(sessionCount);
        stale.Should().BeEmpty("a revocation that returned is seen by every later call on the other instance");
        foreach (var session in issued)
        {
            (await user.AuthenticateAsync(session.Token)).Should().BeNull();
            (await revoker.GetAsync(session.Session.Id)).Active.Should().BeFalse();
        }
    }
}
