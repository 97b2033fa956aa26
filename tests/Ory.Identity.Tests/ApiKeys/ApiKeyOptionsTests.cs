using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeyOptionsTests
{
    [Fact]
    public void Api_key_options_bind_from_configuration()
    {
        var json = $$"""
        {
          "identity": { "schemas": [ { "id": "default", "url": "{{TestHost.SchemaUrl("quickstart-email-password")}}" } ] },
          "api_keys": { "max_active_per_identity": 3, "max_lifespan": "2160h", "last_used_at_interval": "30s" }
        }
        """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddOryIdentity(configuration).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var settings = provider.GetRequiredService<ApiKeySettings>();

        settings.MaxActivePerIdentity.Should().Be(3);
        settings.MaxLifespan.Should().Be(Duration.FromDays(90));
        settings.LastUsedAtInterval.Should().Be(Duration.FromSeconds(30));
    }

    [Fact]
    public void Defaults_are_ten_active_keys_no_lifespan_limit_and_one_minute()
    {
        var settings = ApiKeySettings.Create(new OryIdentityOptions());

        settings.MaxActivePerIdentity.Should().Be(10);
        settings.MaxLifespan.Should().BeNull();
        settings.LastUsedAtInterval.Should().Be(Duration.FromMinutes(1));
    }

    [Theory]
    [InlineData(0, "", "1m", "api_keys.max_active_per_identity must be between 1 and 100, got 0.")]
    [InlineData(101, "", "1m", "api_keys.max_active_per_identity must be between 1 and 100, got 101.")]
    [InlineData(10, "forever", "1m", "api_keys.max_lifespan must be a positive Go duration such as \"2160h\", got \"forever\".")]
    [InlineData(10, "-1h", "1m", "api_keys.max_lifespan must be a positive Go duration such as \"2160h\", got \"-1h\".")]
    [InlineData(10, "", "500ms", "api_keys.last_used_at_interval must be a Go duration of at least 1s such as \"1m\", got \"500ms\".")]
    [InlineData(10, "", "", "api_keys.last_used_at_interval must be a Go duration of at least 1s such as \"1m\", got \"\".")]
    public void Bad_options_fail_at_start_with_a_clear_message(int maxActive, string maxLifespan, string interval, string message)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.ApiKeys.MaxActivePerIdentity = maxActive;
                o.ApiKeys.MaxLifespan = maxLifespan;
                o.ApiKeys.LastUsedAtInterval = interval;
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(message);
    }

    [Fact]
    public void Without_a_secret_a_random_key_is_used_with_a_warning_that_names_no_secret()
    {
        using var host = new TestHost();

        var hasher = host.Get<ApiKeyHasher>();

        hasher.GeneratedKey.Should().BeTrue();
        host.Logs.Lines.Should().Contain(l => l.Contains("[3001]") && l.Contains("API keys are hashed with a random key"));
    }
}
