using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>The QuickStart's courier switch: the in-memory outbox unless <c>Ory:courier:smtp:connection_uri</c> is set.</summary>
public sealed class QuickStartCourierTests
{
    [Fact]
    public void Without_a_connection_uri_messages_go_to_the_in_memory_outbox()
    {
        using var factory = new QuickStart(connectionUri: null);

        factory.Services.GetRequiredService<IRecoveryMessageSender>().Should().BeOfType<InMemoryRecoveryOutbox>();
        factory.Services.GetService<ICourierDeliveries>().Should().BeNull();
    }

    [Fact]
    public void With_a_connection_uri_messages_go_to_the_smtp_courier()
    {
        using var factory = new QuickStart(connectionUri: "smtp://127.0.0.1:1/?disable_starttls=true");

        var sender = factory.Services.GetRequiredService<IRecoveryMessageSender>();

        sender.Should().NotBeOfType<InMemoryRecoveryOutbox>();
        sender.GetType().Assembly.GetName().Name.Should().Be("Ory.Identity.Courier.Smtp");
        factory.Services.GetService<ICourierDeliveries>().Should().NotBeNull();
    }

    private sealed class QuickStart(string? connectionUri) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("storage", "inmemory");
            if (connectionUri is not null)
            {
                builder.UseSetting("Ory:courier:smtp:connection_uri", connectionUri);
            }
        }
    }
}
