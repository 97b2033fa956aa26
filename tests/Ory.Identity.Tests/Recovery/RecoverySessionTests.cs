using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>A redeemed recovery link or code signs the identity in (Kratos's selfservice/strategy/{code,link}/strategy_recovery.go).</summary>
public sealed class RecoverySessionTests
{
    [Fact]
    public async Task A_redeemed_admin_link_issues_a_link_recovery_session_at_aal1_that_authenticates()
    {
        using var host = RecoveryTestHost.Create();
        var identity = await host.CreateFooAsync();
        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flow, token) = RecoveryTestHost.Parse(link.Link);

        var redemption = await host.Redeemer().RedeemLinkAsync(flow, token);
        var session = await host.Get<ISessionManager>().AuthenticateAsync(redemption.Session.Token);

        session!.Id.Should().Be(redemption.Session.Session.Id);
        session.IdentityId.Should().Be(identity.Id);
        session.AuthenticatorAssuranceLevel.Should().Be(AuthenticatorAssuranceLevel.Aal1);
        session.AuthenticationMethods.Should().Equal(
            new SessionAuthenticationMethod { Method = "link_recovery", Aal = AuthenticatorAssuranceLevel.Aal1, CompletedAt = TestHost.Start });
        session.AuthenticatedAt.Should().Be(TestHost.Start);
    }

    [Fact]
    public async Task A_redeemed_self_service_code_issues_a_code_recovery_session()
    {
        using var host = RecoveryTestHost.Create(o => o.SelfService.Flows.Recovery.Enabled = true);
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        var code = host.Outbox().Messages.Single().RecoveryCode!;

        var redemption = await host.Redeemer().RedeemCodeAsync(flow.Id, code);

        redemption.Session.Session.AuthenticationMethods.Select(m => m.Method).Should().Equal("code_recovery");
        (await host.Get<ISessionManager>().AuthenticateAsync(redemption.Session.Token))!.IdentityId.Should().Be(identity.Id);
        redemption.ToString().Should().NotContain(redemption.Session.Token[7..]);
    }

    [Fact]
    public async Task An_inactive_identity_gets_no_session_and_its_code_stays_unused()
    {
        using var host = RecoveryTestHost.Create();
        var identity = await host.CreateFooAsync();
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id);
        await host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, State = IdentityState.Inactive });

        await FluentActions.Awaiting(() => host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code)).Should().ThrowAsync<IdentityDisabledException>();

        (await host.Get<ISessionStore>().ListByIdentityAsync(identity.Id, null, host.Clock.GetCurrentInstant())).Should().BeEmpty();
        await host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, State = IdentityState.Active });
        (await host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code)).Session.Token.Should().StartWith("ory_st_");
    }
}
