namespace Ory.Identity.Tests.Recovery;

public sealed class RecoverySecretsNeverLeakTests
{
    [Fact]
    public async Task Tokens_codes_and_hashes_never_reach_logs_exceptions_or_ToString()
    {
        using var host = RecoveryTestHost.Create(o => o.SelfService.Flows.Recovery.Enabled = true);
        var identity = await host.CreateFooAsync();
        var secrets = new List<string>();
        var texts = new List<string>();
        var hasher = host.Get<SecretHasher>();

        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flow, token) = RecoveryTestHost.Parse(link.Link);
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id);
        secrets.AddRange([token, code.Code, hasher.Hash(token), hasher.Hash(code.Code)]);
        texts.AddRange([link.ToString(), code.ToString()]);

        var selfService = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(selfService.Id, "foo@ory.sh");
        var sentCode = host.Outbox().Messages.Single().RecoveryCode!;
        secrets.AddRange([sentCode, hasher.Hash(sentCode)]);
        texts.Add(host.Outbox().Messages.Single().ToString());

        async Task Capture(Func<Task> act)
        {
            try
            {
                await act();
            }
            catch (Exception e)
            {
                texts.Add(e.ToString());
            }
        }

        var wrong = token[..31] + (token[31] == 'a' ? 'b' : 'a');
        await Capture(() => host.Redeemer().RedeemLinkAsync(flow, wrong));
        await Capture(() => host.Redeemer().RedeemLinkAsync(Guid.NewGuid(), token));
        await Capture(() => host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code == "123456" ? "654321" : "123456"));
        await host.Redeemer().RedeemLinkAsync(flow, token);
        await Capture(() => host.Redeemer().RedeemLinkAsync(flow, token));
        await host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);
        await Capture(() => host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code));
        await host.SelfService().SubmitCodeAsync(selfService.Id, sentCode);

        texts.AddRange(host.Logs.Lines);
        texts.Count.Should().BeGreaterThan(10);
        foreach (var secret in secrets)
        {
            texts.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal));
        }

        texts.Should().NotContain(t => t.Contains("foo@ory.sh", StringComparison.Ordinal));
    }
}
