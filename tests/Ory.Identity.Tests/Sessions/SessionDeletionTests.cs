using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>What goes when an identity or its sessions are deleted.</summary>
public sealed class SessionDeletionTests
{
    [Fact]
    public async Task Deleting_an_identity_deletes_its_sessions_and_its_login_and_settings_flows_and_nothing_else()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var other = await host.CreatePersonAsync("bar@ory.sh");
        var issued = await host.SignInAsync(identity.Id);
        var kept = await host.SignInAsync(other.Id);
        var flows = host.Get<ISelfServiceFlowStore>();
        var settingsFlow = Flow(SelfServiceFlowKind.Settings, identity.Id);
        var otherFlow = Flow(SelfServiceFlowKind.Settings, other.Id);
        await flows.InsertAsync(settingsFlow);
        await flows.InsertAsync(otherFlow);

        await host.Manager.DeleteAsync(identity.Id);

        (await host.Get<ISessionStore>().GetAsync(issued.Session.Id)).Should().BeNull();
        (await host.Sessions().AuthenticateAsync(issued.Token)).Should().BeNull();
        (await flows.GetAsync(settingsFlow.Id, SelfServiceFlowKind.Settings)).Should().BeNull();
        (await host.Sessions().AuthenticateAsync(kept.Token)).Should().NotBeNull();
        (await flows.GetAsync(otherFlow.Id, SelfServiceFlowKind.Settings)).Should().Be(otherFlow);
    }

    [Fact]
    public async Task Deleting_an_identitys_sessions_removes_them_and_counts_them()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        await host.SignInAsync(identity.Id);
        var revoked = await host.SignInAsync(identity.Id);
        await host.Sessions().RevokeAsync(revoked.Session.Id);

        (await host.Sessions().DeleteByIdentityAsync(identity.Id)).Should().Be(2);
        (await host.Sessions().ListByIdentityAsync(identity.Id)).Should().BeEmpty();
        (await host.Sessions().DeleteByIdentityAsync(identity.Id)).Should().Be(0);
    }

    private static SelfServiceFlowRecord Flow(SelfServiceFlowKind kind, Guid identityId) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Type = SelfServiceFlowType.Browser,
        State = "show_form",
        IssuedAt = TestHost.Start,
        ExpiresAt = TestHost.Start + Duration.FromHours(1),
        RequestUrl = "http://127.0.0.1:4433/self-service/settings/browser",
        IdentityId = identityId,
    };
}
