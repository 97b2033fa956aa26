using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Tests.Hosting;

public sealed class MissingSenderAtStartTests
{
    [Fact]
    public async Task A_host_with_recovery_enabled_and_no_sender_fails_to_start_saying_how_to_add_one()
    {
        using var host = Build(sender: false);

        var start = () => host.StartAsync();

        var message = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
        message.Should().Contain("no IRecoveryMessageSender is registered")
            .And.Contain("UseSmtpCourier()").And.Contain("UseInMemoryRecoveryOutbox()").And.Contain("register your own IRecoveryMessageSender");
    }

    [Fact]
    public async Task A_host_with_a_sender_starts()
    {
        using var host = Build(sender: true);

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<ISelfServiceRecovery>().Should().NotBeNull();
    }

    private static IHost Build(bool sender)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var ory = builder.Services.AddOryIdentity(o =>
            {
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
                o.Secrets.Cookie = ["PLEASE-CHANGE-ME-I-AM-VERY-INSECURE"];
            })
            .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "identity.schema.json"))
            .UseInMemoryStorage();
        if (sender)
        {
            ory.UseInMemoryRecoveryOutbox();
        }

        return builder.Build();
    }
}
