using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class SmtpCourierOptionsTests
{
    [Fact]
    public void Defaults_are_kratos_defaults()
    {
        var options = new SmtpCourierOptions();

        options.MessageRetries.Should().Be(5);
        options.Smtp.FromAddress.Should().Be("no-reply@ory.kratos.sh");
        options.Smtp.LocalName.Should().Be("localhost");
        options.Smtp.FromName.Should().BeNull();
        options.Smtp.ConnectionUri.Should().BeNull();
    }

    [Fact]
    public void Kratos_keys_bind_from_the_courier_section_of_the_ory_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ory:courier:smtp:connection_uri"] = "smtps://user:pw@mail.example.com:465/",
            ["Ory:courier:smtp:from_address"] = "accounts@example.com",
            ["Ory:courier:smtp:from_name"] = "Example",
            ["Ory:courier:smtp:local_name"] = "app.example.com",
            ["Ory:courier:smtp:headers:X-SES-SOURCE-ARN"] = "arn:1",
            ["Ory:courier:message_retries"] = "2",
            ["Ory:courier:retry_delay"] = "250ms",
            ["Ory:courier:retry_max_delay"] = "10s",
            ["Ory:courier:queue_capacity"] = "50",
        }).Build();
        using var provider = Services(b => b.UseSmtpCourier(configuration.GetSection("Ory")));

        var settings = provider.GetRequiredService<SmtpCourierSettings>();

        settings.Connection.ToString().Should().Be("smtps://mail.example.com:465");
        settings.Connection.UserName.Should().Be("user");
        settings.From.ToString().Should().Be("\"Example\" <accounts@example.com>");
        settings.LocalName.Should().Be("app.example.com");
        settings.Headers.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("X-SES-SOURCE-ARN", "arn:1"));
        settings.MaxAttempts.Should().Be(3);
        settings.RetryDelay.Should().Be(TimeSpan.FromMilliseconds(250));
        settings.RetryMaxDelay.Should().Be(TimeSpan.FromSeconds(10));
        settings.QueueCapacity.Should().Be(50);
    }

    [Fact]
    public void Malformed_options_fail_at_start_with_every_key_named_and_no_password()
    {
        using var provider = Services(b => b.UseSmtpCourier(o =>
        {
            o.Smtp.ConnectionUri = "smtp://user:hunter2@mail.example.com/?skip_ssl_verify=perhaps";
            o.Smtp.FromAddress = "not an address";
            o.Smtp.Headers["Bad Header"] = "x";
            o.MessageRetries = -1;
            o.RetryDelay = "soon";
            o.QueueCapacity = 0;
        }));

        var act = () => provider.GetRequiredService<IOptions<SmtpCourierOptions>>().Value;

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Failures.Should().Equal(
            "courier.smtp.connection_uri: the query parameter skip_ssl_verify must be true or false.",
            "courier.smtp.from_address must be an email address.",
            "courier.smtp.headers: a header name must be printable ASCII without spaces or colons.",
            "courier.message_retries must be 0 or more.",
            "courier.queue_capacity must be 1 or more.",
            "courier.retry_delay must be a positive Go duration such as 500ms or 1s.");
        error.Message.Should().NotContain("hunter2");
    }

    [Fact]
    public void Missing_connection_uri_fails_at_start_naming_the_key()
    {
        using var provider = Services(b => b.UseSmtpCourier(_ => { }));

        var act = () => provider.GetRequiredService<IRecoveryMessageSender>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("courier.smtp.connection_uri is required");
    }

    [Fact]
    public void Smtp_courier_replaces_the_in_memory_outbox_whichever_is_registered_first()
    {
        using var provider = Services(b => b.UseInMemoryRecoveryOutbox().UseSmtpCourier(o => o.Smtp.ConnectionUri = "smtps://mail.example.com/"));

        provider.GetRequiredService<IRecoveryMessageSender>().Should().BeOfType<SmtpRecoveryMessageSender>();
        provider.GetServices<IRecoveryMessageSender>().Should().ContainSingle();
    }

    private static ServiceProvider Services(Action<OryIdentityBuilder> configure)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity(o => o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false)
            .AddSchemaJson("default", """{"type":"object","properties":{"traits":{"type":"object"}}}""")
            .UseInMemoryStorage();
        configure(builder);
        return services.BuildServiceProvider();
    }
}
