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
    public async Task Enabling_recovery_without_a_sender_leaves_identity_management_working()
    {
        var services = WithoutSender(recoveryEnabled: true);
        await using var provider = services.BuildServiceProvider();

        var identity = await provider.GetRequiredService<IIdentityManager>().CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
        var link = await provider.GetRequiredService<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(identity.Id, RecoveryTestHost.Hours(1));

        (await provider.GetRequiredService<IIdentityManager>().GetAsync(identity.Id)).Id.Should().Be(identity.Id);
        link.Link.Should().StartWith(RecoveryTestHost.SeedBaseUrl, "an admin link needs no sender: the caller delivers it");
    }

    [Theory]
    [InlineData(typeof(ISelfServiceRecovery))]
    [InlineData(typeof(IInvitationSender))]
    public void Enabling_recovery_without_a_sender_names_it_when_a_sending_service_is_resolved(Type sendingService)
    {
        var services = WithoutSender(recoveryEnabled: true);
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService(sendingService);

        var message = resolve.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain("selfservice.flows.recovery.enabled is true, but no IRecoveryMessageSender is registered");
        message.Should().Contain("UseSmtpCourier()").And.Contain("UseInMemoryRecoveryOutbox()").And.Contain("register your own IRecoveryMessageSender");
    }

    [Theory]
    [InlineData(typeof(ISelfServiceRecovery))]
    [InlineData(typeof(IInvitationSender))]
    public void With_recovery_disabled_the_sending_services_resolve_without_a_sender(Type sendingService)
    {
        var services = WithoutSender(recoveryEnabled: false);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService(sendingService).Should().NotBeNull();
    }

    private static ServiceCollection WithoutSender(bool recoveryEnabled)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.SelfService.Flows.Recovery.Enabled = recoveryEnabled;
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = RecoveryTestHost.SeedBaseUrl;
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
                o.Secrets.Cookie = [RecoveryTestHost.Secret];
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        return services;
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
