using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>
/// A sender that refuses a self-service recovery message (a full or stopped mail queue) does not fail the flow: the
/// answer stays the one an unknown address gets, so it does not tell whether the address is known; the refusal is logged
/// without the address or the secret.
/// </summary>
public sealed class SelfServiceRecoverySenderFailureTests
{
    private readonly RecordingRecoveryMessageSender _sender = new() { Fail = true };

    private TestHost Host(string use) =>
        new(configure: builder =>
        {
            builder.Configure(o =>
            {
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Flows.Recovery.Use = use;
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = RecoveryTestHost.SeedBaseUrl;
                o.Secrets.Cookie = [RecoveryTestHost.Secret];
            });
            builder.Services.AddSingleton<IRecoveryMessageSender>(_sender);
        });

    [Theory]
    [InlineData("code")]
    [InlineData("link")]
    public async Task A_refused_message_answers_as_an_unknown_address_does_and_is_logged_without_secrets(string use)
    {
        using var host = Host(use);
        await host.CreateFooAsync();
        var knownFlow = await host.SelfService().CreateFlowAsync();
        var unknownFlow = await host.SelfService().CreateFlowAsync();

        var known = await host.SelfService().SubmitAddressAsync(knownFlow.Id, "foo@ory.sh");
        var unknown = await host.SelfService().SubmitAddressAsync(unknownFlow.Id, "nobody@ory.sh");

        var refused = _sender.Messages.Should().ContainSingle("only the known address is sent to, and the sender refused it").Subject;
        known.State.Should().Be(RecoveryFlowState.SentEmail);
        known.State.Should().Be(unknown.State);
        known.Ui.Messages.Should().BeEquivalentTo(unknown.Ui.Messages);
        var line = host.Logs.Lines.Should().ContainSingle(l => l.Contains("refused recovery message", StringComparison.Ordinal)).Subject;
        line.Should().Contain(refused.Id.ToString()).And.Contain(knownFlow.Id.ToString()).And.Contain("IOException");
        var secret = refused.RecoveryCode ?? RecoveryTestHost.Parse(refused.RecoveryUrl!).Token;
        host.Logs.Texts.Should().NotContain(text => text.Contains("foo@ory.sh", StringComparison.OrdinalIgnoreCase) || text.Contains(secret, StringComparison.Ordinal));
    }
}
