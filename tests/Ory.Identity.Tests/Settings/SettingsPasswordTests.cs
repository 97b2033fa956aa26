using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Settings;

public sealed class SettingsPasswordTests : IDisposable
{
    private readonly TestHost _host = SelfServiceFlowTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_privileged_session_sets_a_password_that_then_verifies_and_the_flow_says_saved()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);

        var saved = await _host.Settings().UpdatePasswordAsync(flow.Id, session, SelfServiceFlowTestHost.GoodPassword);

        saved.State.Should().Be(SettingsFlowState.Success);
        saved.Active.Should().Be("password");
        saved.Ui.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 1050001L, Text = "Your changes have been saved!", Type = "success" });
        saved.Node("password").Attributes.Value.Should().BeNull();
        var stored = await _host.Store.GetAsync(identity.Id);
        stored!.Credentials[CredentialsType.Password].Identifiers.Should().Equal(SelfServiceFlowTestHost.Email);
        (await _host.Manager.VerifyPasswordAsync(SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword)).Succeeded.Should().BeTrue();
        _host.Logs.Texts.Should().NotContain(t => t.Contains(SelfServiceFlowTestHost.GoodPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_password_is_refused_with_4000032_on_the_password_node_and_nothing_is_stored()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, "short");

        var refused = (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        refused.StatusCode.Should().Be(400);
        refused.UiMessage.Id.Should().Be(4000032);
        refused.UiMessage.Text.Should().Be("The password must be at least 8 characters long, but got 5.");
        refused.Flow.Node("password").Messages.Should().ContainSingle().Which.Id.Should().Be(4000032);
        refused.Flow.State.Should().Be(SettingsFlowState.ShowForm);
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
        (await _host.Settings().GetFlowAsync(flow.Id, session)).Node("password").Messages.Should().ContainSingle().Which.Id.Should().Be(4000032);
        _host.Logs.Texts.Should().NotContain(t => t.Contains("short", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_similar_to_the_email_is_refused_with_4000031()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, "invitee@ory.sh1");

        (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which.UiMessage.Id.Should().Be(4000031);
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task The_same_password_as_before_is_refused_with_4000039()
    {
        var identity = await _host.CreateWithPasswordAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, SelfServiceFlowTestHost.GoodPassword);

        var refused = (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        refused.UiMessage.Should().BeEquivalentTo(new { Id = 4000039L, Text = "The new password must be different from the old password.", Type = "error" });
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Theory]
    [InlineData(null, 4000002, "Property password is missing.")]
    [InlineData("", 4000003, "length must be >= 1, but got 0")]
    public async Task A_missing_or_empty_password_is_refused_on_the_password_node(string? password, long id, string text)
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, password);

        var refused = (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        refused.Flow.Node("password").Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = id, Text = text });
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task After_the_privileged_window_a_password_change_needs_a_refresh_login()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var before = await _host.SnapshotAsync(identity.Id);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(61));
        var flow = await _host.Settings().CreateFlowAsync(session);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, SelfServiceFlowTestHost.GoodPassword);

        var refused = (await act.Should().ThrowAsync<SessionRefreshRequiredException>()).Which;
        refused.StatusCode.Should().Be(403);
        refused.Error.Id.Should().Be("session_refresh_required");
        refused.Error.Reason.Should().Be("The login session is too old and thus not allowed to update these fields. Please re-authenticate.");
        refused.RedirectBrowserTo.Should().Be(
            "http://127.0.0.1:4433/self-service/login/browser?refresh=true&return_to="
            + Uri.EscapeDataString($"http://127.0.0.1:4433/self-service/settings?flow={flow.Id}"));
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task An_expired_flow_is_replaced_by_a_new_one_carrying_4050001_and_nothing_is_stored()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(61));
        session = (await _host.Sessions().ReauthenticateAsync(session.Id, SessionAuthenticationMethods.Password));

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, SelfServiceFlowTestHost.GoodPassword);

        var expired = (await act.Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which;
        expired.StatusCode.Should().Be(410);
        expired.Error.Id.Should().Be("self_service_flow_expired");
        expired.Error.Reason.Should().Be("The self-service flow expired 1.00 minutes ago, initialize a new one.");
        expired.UiMessage!.Id.Should().Be(4050001);
        expired.UiMessage.Text.Should().Be("The settings flow expired 1.00 minutes ago, please try again.");
        var replacement = await _host.Settings().GetFlowAsync(expired.UseFlowId!.Value, session);
        replacement.Ui.Messages.Should().ContainSingle().Which.Id.Should().Be(4050001);
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task Reading_an_expired_flow_gives_Kratos_410_texts_for_its_type()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var api = await _host.Settings().CreateFlowAsync(session);
        var browser = await _host.Settings().CreateFlowAsync(session, SelfServiceFlowType.Browser);
        _host.Clock.Advance(SelfServiceFlowTestHost.Minutes(60));

        var apiExpired = (await FluentActions.Awaiting(() => _host.Settings().GetFlowAsync(api.Id, session)).Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which;
        var browserExpired = (await FluentActions.Awaiting(() => _host.Settings().GetFlowAsync(browser.Id, session)).Should().ThrowAsync<SelfServiceFlowExpiredException>()).Which;

        apiExpired.Error.Reason.Should().Be("The settings flow has expired. Call the settings flow init API endpoint to initialize a new settings flow.");
        apiExpired.Error.Details!.Value.GetProperty("api").GetString().Should().Be("http://127.0.0.1:4433/self-service/settings/api");
        browserExpired.Error.Reason.Should().Be("The settings flow has expired. Redirect the user to the settings flow init endpoint to initialize a new settings flow.");
        browserExpired.Error.Details!.Value.GetProperty("redirect_to").GetString().Should().Be("http://127.0.0.1:4433/self-service/settings/browser");
        browserExpired.UseFlowId.Should().BeNull();
    }

    [Fact]
    public async Task Another_identitys_flow_is_refused_with_security_identity_mismatch_and_nothing_is_stored()
    {
        var owner = await _host.CreateInviteeAsync();
        var other = await _host.CreateInviteeAsync("other@ory.sh");
        var ownerSession = await _host.SignInAsync(owner.Id);
        var otherSession = await _host.SignInAsync(other.Id);
        var flow = await _host.Settings().CreateFlowAsync(ownerSession);
        var before = await _host.SnapshotAsync(owner.Id);
        var otherBefore = await _host.SnapshotAsync(other.Id);

        var read = (await FluentActions.Awaiting(() => _host.Settings().GetFlowAsync(flow.Id, otherSession)).Should().ThrowAsync<SecurityIdentityMismatchException>()).Which;
        var submit = (await FluentActions.Awaiting(() => _host.Settings().UpdatePasswordAsync(flow.Id, otherSession, SelfServiceFlowTestHost.GoodPassword))
            .Should().ThrowAsync<SecurityIdentityMismatchException>()).Which;

        read.StatusCode.Should().Be(403);
        read.Error.Id.Should().Be("security_identity_mismatch");
        read.Error.Reason.Should().Be("The request was made for another identity and has been blocked for security reasons.");
        submit.Error.Reason.Should().Be("The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.");
        (await _host.SnapshotAsync(owner.Id)).Should().Be(before);
        (await _host.SnapshotAsync(other.Id)).Should().Be(otherBefore);
    }

    [Theory]
    [InlineData("totp")]
    [InlineData(null)]
    public async Task An_unknown_or_missing_method_is_refused_with_4010004(string? method)
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdateFlowAsync(flow.Id, session, new SettingsFlowUpdate { Method = method, Password = SelfServiceFlowTestHost.GoodPassword });

        var refused = (await act.Should().ThrowAsync<SettingsFlowValidationException>()).Which;
        refused.Flow.Ui.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Id = 4010004L, Text = "Could not find a strategy to update your settings. Did you fill out the form correctly?",
        });
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task A_login_flow_id_is_not_a_settings_flow()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var login = await _host.Login().CreateFlowAsync();
        var before = await _host.SnapshotAsync(identity.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(login.Id, session, SelfServiceFlowTestHost.GoodPassword);

        var missing = (await act.Should().ThrowAsync<SelfServiceFlowNotFoundException>()).Which;
        missing.StatusCode.Should().Be(404);
        missing.Error.Reason.Should().Be("The settings request could not be found. Please restart the flow.");
        missing.Kind.Should().Be(SelfServiceFlowKind.Settings);
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }

    [Fact]
    public async Task A_revoked_session_is_refused_with_401_and_nothing_is_stored()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);
        var flow = await _host.Settings().CreateFlowAsync(session);
        var before = await _host.SnapshotAsync(identity.Id);
        await _host.Sessions().RevokeAsync(session.Id);

        var act = () => _host.Settings().UpdatePasswordAsync(flow.Id, session, SelfServiceFlowTestHost.GoodPassword);

        var refused = (await act.Should().ThrowAsync<SessionInactiveException>()).Which;
        refused.StatusCode.Should().Be(401);
        refused.Error.Id.Should().Be("session_inactive");
        (await _host.SnapshotAsync(identity.Id)).Should().Be(before);
    }
}
