using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Logging;

/// <summary>What the logger factory lets through for the framework's URL-quoting categories, whatever the configuration.</summary>
public sealed class FrameworkRequestLogFilterTests
{
    private const string Hosting = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const string BadRequests = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    private static ILoggerFactory Factory(Action<ILoggingBuilder> configure, bool redact = true)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => configure(logging.ClearProviders().AddProvider(new CapturingLoggerProvider())));
        services.AddOryIdentityHttp(o => o.RedactRequestLog = redact);
        return services.BuildServiceProvider().GetRequiredService<ILoggerFactory>();
    }

    public static TheoryData<string> VerboseConfigurations => ["provider-less", "provider-specific", "provider-specific wildcard", "configuration"];

    [Theory]
    [MemberData(nameof(VerboseConfigurations))]
    public void Request_lines_stay_below_information_however_verbose_the_configuration(string configuration)
    {
        using var factory = Factory(logging => _ = configuration switch
        {
            "provider-less" => logging.SetMinimumLevel(LogLevel.Trace).AddFilter(Hosting, LogLevel.Trace).AddFilter(BadRequests, LogLevel.Trace)
                .AddFilter("Microsoft.AspNetCore.HttpsPolicy", LogLevel.Trace),
            "provider-specific" => logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace),
            "provider-specific wildcard" => logging.AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.*", LogLevel.Trace),
            _ => logging.AddConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LogLevel:Default"] = "Information",
                [typeof(CapturingLoggerProvider).FullName + ":LogLevel:Microsoft"] = "Debug",
            }).Build()),
        });

        FrameworkRequestLogFilter.Categories.Should().HaveCount(4).And.Contain([Hosting, BadRequests]);
        foreach (var category in FrameworkRequestLogFilter.Categories)
        {
            var logger = factory.CreateLogger(category);
            logger.IsEnabled(LogLevel.Information).Should().BeFalse(category);
            logger.IsEnabled(LogLevel.Warning).Should().BeTrue(category + ": startup failures and errors still show");
        }

        factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Debug).Should().BeTrue("other categories keep their configuration");
        factory.CreateLogger(OryIdentityHttpOptions.RequestLogCategory).IsEnabled(LogLevel.Information).Should().BeTrue();
    }

    [Theory]
    [InlineData("Information", "Warning", null, false)]
    [InlineData("Information", null, null, true)]
    [InlineData("Warning", "Information", null, true)]
    [InlineData("Information", "Warning", "Information", true)]
    [InlineData("Debug", null, "Warning", false)]
    public void The_replacement_request_log_is_on_where_the_frameworks_would_be_unless_configured_itself(string @default, string? aspNetCore, string? requestLog, bool on)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LogLevel:Default"] = @default,
            ["LogLevel:Microsoft.AspNetCore"] = aspNetCore,
            ["LogLevel:" + OryIdentityHttpOptions.RequestLogCategory] = requestLog,
        };
        using var factory = Factory(logging => logging.AddConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build()));

        factory.CreateLogger(OryIdentityHttpOptions.RequestLogCategory).IsEnabled(LogLevel.Information).Should().Be(on);
        factory.CreateLogger(Hosting).IsEnabled(LogLevel.Information).Should().BeFalse();
    }

    [Fact]
    public void A_stricter_configuration_stays_as_strict()
    {
        var vetoed = new List<string>();
        using var factory = Factory(logging => logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.None)
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Server", LogLevel.Error)
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Hosting", level =>
            {
                vetoed.Add(level.ToString());
                return false;
            }));

        factory.CreateLogger(BadRequests).IsEnabled(LogLevel.Warning).Should().BeFalse();
        factory.CreateLogger(BadRequests).IsEnabled(LogLevel.Error).Should().BeTrue();
        factory.CreateLogger(Hosting).IsEnabled(LogLevel.Critical).Should().BeFalse("the configured filter still decides");
        vetoed.Should().Contain("Critical");
    }

    [Fact]
    public void Turned_off_the_configuration_is_left_as_it_is()
    {
        using var factory = Factory(logging => logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace), redact: false);

        factory.CreateLogger(Hosting).IsEnabled(LogLevel.Information).Should().BeTrue();
        factory.CreateLogger(BadRequests).IsEnabled(LogLevel.Debug).Should().BeTrue();
        factory.CreateLogger(OryIdentityHttpOptions.RequestLogCategory).IsEnabled(LogLevel.Information).Should().BeTrue("no rule of ours, and nothing writes to it");
    }
}
