using Ory.Identity.Tests.Recovery;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Invite;

/// <summary>
/// The invite in process, on a fake clock: create an identity, issue an admin recovery link, redeem it, get a session,
/// set a password through the settings flow the recovery opened, sign in with it, and whoami.
/// </summary>
public sealed class InviteInProcessTests : IDisposable
{
    private const string Password = "a-long-enough-invite-password";

    private readonly TestHost _host = SelfServiceFlowTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_invitee_redeems_the_link_sets_a_password_under_the_policy_signs_in_and_is_recognised()
    {
        var identity = await _host.CreateInviteeAsync();
        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flowId, token) = RecoveryTestHost.Parse(link.Link);

        var redemption = await _host.Redeemer().RedeemLinkAsync(flowId, token);
        var session = redemption.Session.Session;
        session.AuthenticationMethods.Should().ContainSingle().Which.Method.Should().Be("link_recovery");

        var settingsFlow = redemption.SettingsFlow;
        settingsFlow.Should().NotBeNull();
        settingsFlow!.Type.Should().Be(SelfServiceFlowType.Browser);
        settingsFlow.Identity.Id.Should().Be(identity.Id);
        var message = settingsFlow.Ui.Messages.Should().ContainSingle().Which;
        message.Id.Should().Be(1060001);
        message.Type.Should().Be("success");
        message.Text.Should().Be("You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next 60.00 minutes.");
        message.Context!.Value.GetProperty("privileged_session_expires_at_unix").GetInt64()
            .Should().Be((TestHost.Start + SelfServiceFlowTestHost.Minutes(60)).ToUnixTimeSeconds());
        (await _host.Settings().GetFlowAsync(settingsFlow.Id, session)).Ui.Messages![0].Id.Should().Be(1060001);

        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(5));
        var shortOne = (await FluentActions.Awaiting(() => _host.Settings().UpdatePasswordAsync(settingsFlow.Id, session, "abc123"))
            .Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        shortOne.UiMessage.Id.Should().Be(4000032);
        (await _host.StoredHashAsync(identity.Id)).Should().BeNull();

        var saved = await _host.Settings().UpdatePasswordAsync(settingsFlow.Id, session, Password);
        saved.State.Should().Be(SettingsFlowState.Success);
        (await _host.StoredHashAsync(identity.Id)).Should().StartWith("$2a$");

        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(30));
        var login = await _host.Login().CreateFlowAsync();
        var result = await _host.Login().SubmitPasswordAsync(login.Id, SelfServiceFlowTestHost.Email, Password);
        var whoami = await _host.Sessions().AuthenticateAsync(result.Issued!.Token);

        whoami.Should().NotBeNull();
        whoami!.IdentityId.Should().Be(identity.Id);
        whoami.Identity!.Traits.GetProperty("email").GetString().Should().Be(SelfServiceFlowTestHost.Email);
        whoami.AuthenticationMethods.Should().ContainSingle().Which.Method.Should().Be("password");
        _host.Logs.Texts.Should().NotContain(t => t.Contains(Password, StringComparison.Ordinal) || t.Contains("abc123", StringComparison.Ordinal)
                                                  || t.Contains(token, StringComparison.Ordinal) || t.Contains(result.Issued.Token, StringComparison.Ordinal)
                                                  || t.Contains(redemption.Session.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invitee_who_waits_past_the_privileged_window_must_sign_in_again_and_has_no_password()
    {
        var identity = await _host.CreateInviteeAsync();
        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flowId, token) = RecoveryTestHost.Parse(link.Link);
        var redemption = await _host.Redeemer().RedeemLinkAsync(flowId, token);
        var session = redemption.Session.Session;
        var before = await _host.SnapshotAsync(identity.Id);

        // The settings flow the recovery opened lives as long as the privileged window (both 1h by default): it has
        // expired, and a new one cannot set a password either, because the session is no longer privileged.
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(60) + NodaTime.Duration.FromSeconds(1));
        (await FluentActions.Awaiting(() => _host.Settings().UpdatePasswordAsync(redemption.SettingsFlow!.Id, session, Password))
            .Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which.UiMessage!.Id.Should().Be(4050001);
        var fresh = await _host.Settings().CreateFlowAsync(session);
        var refused = (await FluentActions.Awaiting(() => _host.Settings().UpdatePasswordAsync(fresh.Id, session, Password))
            .Should().ThrowAsync<SessionRefreshRequiredException>()).Which;

        refused.Error.Id.Should().Be("session_refresh_required");
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
        (await _host.StoredHashAsync(identity.Id)).Should().BeNull();
        var login = await _host.Login().CreateFlowAsync();
        (await FluentActions.Awaiting(() => _host.Login().SubmitPasswordAsync(login.Id, SelfServiceFlowTestHost.Email, Password))
            .Should().ThrowAsync<LoginFlowValidationException>()).Which.UiMessage.Id.Should().Be(4000006);
    }
}
