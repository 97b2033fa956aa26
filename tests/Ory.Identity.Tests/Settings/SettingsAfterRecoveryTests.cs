using Ory.Identity.Tests.Recovery;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Settings;

public sealed class SettingsAfterRecoveryTests : IDisposable
{
    private readonly TestHost _host = SelfServiceFlowTestHost.Create(o =>
    {
        o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/"];
        o.SelfService.Flows.Settings.PrivilegedSessionMaxAge = "15m";
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_settings_flow_of_a_recovery_carries_its_return_to_and_the_configured_window()
    {
        var identity = await _host.CreateInviteeAsync();
        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id, returnTo: new Uri("http://127.0.0.1:4455/welcome"));
        var (flowId, token) = RecoveryTestHost.Parse(link.Link);

        var redemption = await _host.Redeemer().RedeemLinkAsync(flowId, token);

        var flow = redemption.SettingsFlow!;
        flow.ReturnTo.Should().Be("http://127.0.0.1:4455/welcome");
        flow.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/settings/browser?return_to=" + Uri.EscapeDataString("http://127.0.0.1:4455/welcome"));
        flow.Ui.Messages![0].Text.Should().EndWith("within the next 15.00 minutes.");
        flow.State.Should().Be(SettingsFlowState.ShowForm);

        var saved = await _host.Settings().UpdatePasswordAsync(flow.Id, redemption.Session.Session, SelfServiceFlowTestHost.GoodPassword);
        saved.ContinueWith.Should().ContainSingle().Which.RedirectBrowserTo.Should().Be("http://127.0.0.1:4455/welcome");
    }

    [Fact]
    public async Task SetPasswordAsync_sets_a_password_without_a_flow_of_the_callers_own()
    {
        var identity = await _host.CreateInviteeAsync();
        var session = await _host.SignInAsync(identity.Id);

        var flow = await _host.Settings().SetPasswordAsync(session, SelfServiceFlowTestHost.GoodPassword);

        flow.Type.Should().Be(SelfServiceFlowType.Api);
        flow.State.Should().Be(SettingsFlowState.Success);
        flow.ContinueWith.Should().BeNull();
        (await _host.Manager.VerifyPasswordAsync(SelfServiceFlowTestHost.Email, SelfServiceFlowTestHost.GoodPassword)).Succeeded.Should().BeTrue();
    }
}
