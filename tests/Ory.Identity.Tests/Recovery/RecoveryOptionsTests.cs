using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

public sealed class RecoveryOptionsTests
{
    private static Action Start(Action<OryIdentityOptions> configure, bool outbox = true)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity(configure).AddSchema("default", TestHost.SchemaUrl("quickstart-email-password")).UseInMemoryStorage();
        if (outbox)
        {
            builder.UseInMemoryRecoveryOutbox();
        }

        return () =>
        {
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IRecoveryLinkIssuer>();
            provider.GetRequiredService<IIdentityManager>();
        };
    }

    [Theory]
    [InlineData("selfservice.methods.link.config.lifespan", "1d")]
    [InlineData("selfservice.methods.code.config.lifespan", "-1h")]
    [InlineData("selfservice.flows.recovery.lifespan", "")]
    [InlineData("selfservice.flows.recovery.use", "carrier-pigeon")]
    [InlineData("selfservice.methods.code.config.max_submissions", "0")]
    [InlineData("selfservice.flows.recovery.ui_url", "not a url")]
    [InlineData("selfservice.methods.link.config.base_url", "ftp://x")]
    [InlineData("secrets.default", "too-short")]
    public void Invalid_values_fail_at_start_naming_the_key(string key, string value)
    {
        var start = Start(o =>
        {
            switch (key)
            {
                case "selfservice.methods.link.config.lifespan": o.SelfService.Methods.Link.Config.Lifespan = value; break;
                case "selfservice.methods.code.config.lifespan": o.SelfService.Methods.Code.Config.Lifespan = value; break;
                case "selfservice.flows.recovery.lifespan": o.SelfService.Flows.Recovery.Lifespan = value; break;
                case "selfservice.flows.recovery.use": o.SelfService.Flows.Recovery.Use = value; break;
                case "selfservice.methods.code.config.max_submissions": o.SelfService.Methods.Code.Config.MaxSubmissions = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "selfservice.flows.recovery.ui_url": o.SelfService.Flows.Recovery.UiUrl = value; break;
                case "selfservice.methods.link.config.base_url": o.SelfService.Methods.Link.Config.BaseUrl = value; break;
                case "secrets.default": o.Secrets.Default = [value]; break;
            }
        });

        var message = start.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain(key.Replace("selfservice.methods.code.config.max_submissions", "max_submissions", StringComparison.Ordinal).Split('.')[^1]);
        if (key == "secrets.default")
        {
            message.Should().NotContain(value, "secrets are never printed");
        }
    }

    [Fact]
    public void Enabling_self_service_recovery_without_a_sender_fails_at_start()
    {
        var start = Start(o => o.SelfService.Flows.Recovery.Enabled = true, outbox: false);

        start.Should().Throw<OptionsValidationException>().WithMessage("*IRecoveryMessageSender*");
    }

    [Fact]
    public void Using_a_disabled_method_for_self_service_fails_at_start()
    {
        var start = Start(o =>
        {
            o.SelfService.Flows.Recovery.Enabled = true;
            o.SelfService.Flows.Recovery.Use = "link";
        });

        start.Should().Throw<OptionsValidationException>().WithMessage("*selfservice.methods.link.enabled is false*");
    }

    [Fact]
    public async Task Without_secrets_a_random_key_is_used_and_a_warning_logged()
    {
        using var host = new TestHost(configure: b => b.Configure(o => o.SelfService.Methods.Link.Enabled = true));
        var identity = await host.CreateFooAsync();

        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flow, token) = RecoveryTestHost.Parse(link.Link);

        (await host.Redeemer().RedeemLinkAsync(flow, token)).IdentityId.Should().Be(identity.Id);
        host.Logs.Lines.Should().Contain(l => l.Contains("[2001]", StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal));
    }
}
