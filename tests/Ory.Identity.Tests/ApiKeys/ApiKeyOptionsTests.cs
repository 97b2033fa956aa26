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
    [Theory]
    [InlineData(1, "", "1s")]
    [InlineData(100, "1ns", "1s")]
    public void Bounds_are_inclusive(int maxActive, string maxLifespan, string interval)
    {
        var valid = ApiKeySettings.TryCreate(
            new ApiKeyOptions { MaxActivePerIdentity = maxActive, MaxLifespan = maxLifespan, LastUsedAtInterval = interval }, out var settings, out var errors);

        errors.Should().BeEmpty();
        valid.Should().BeTrue();
        settings.MaxActivePerIdentity.Should().Be(maxActive);
        settings.LastUsedAtInterval.Should().Be(Duration.FromSeconds(1));
    }

    [Fact]
    public void A_zero_max_lifespan_is_refused_and_Create_throws_every_message()
    {
        var options = new OryIdentityOptions();
        options.ApiKeys.MaxActivePerIdentity = 0;
        options.ApiKeys.MaxLifespan = "0s";

        var create = () => ApiKeySettings.Create(options);

        create.Should().Throw<InvalidOperationException>().WithMessage(
            "api_keys.max_active_per_identity must be between 1 and 100, got 0. api_keys.max_lifespan must be a positive Go duration such as \"2160h\", got \"0s\".");
    }

    [Fact]
    public void The_default_secret_keys_the_hash_and_the_cookie_secret_only_without_one()
    {
        byte[] material = [.. "abcdefghijklmnop_secret"u8];
        string Hash(SecretsOptions secrets)
        {
            using var hasher = new ApiKeyHasher(secrets);
            hasher.GeneratedKey.Should().BeFalse();
            return hasher.Hash(material);
        }

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("first-secret-0000001"u8, material));
        Hash(new SecretsOptions { Default = ["first-secret-0000001", "second-secret-000002"] }).Should().Be(expected);
        Hash(new SecretsOptions { Default = ["first-secret-0000001"], Cookie = ["cookie-secret-000003"] }).Should().Be(expected);
        Hash(new SecretsOptions { Cookie = ["first-secret-0000001"] }).Should().Be(expected);
    }

    [Fact]
    public void Without_secrets_keys_are_hashed_with_a_random_key_per_process()
    {
        byte[] material = [.. "abcdefghijklmnop_secret"u8];
        using var one = new ApiKeyHasher(new SecretsOptions());
        using var two = new ApiKeyHasher(new SecretsOptions());

        one.GeneratedKey.Should().BeTrue();
        one.Hash(material).Should().MatchRegex("^[0-9a-f]{64}$").And.NotBe(two.Hash(material));
        one.Match(Convert.FromHexString(one.Hash(material)), material).Should().Be(0);
        two.Match(Convert.FromHexString(one.Hash(material)), material).Should().Be(-1);
    }

    [Fact]
    public void With_a_secret_no_warning_is_logged()
    {
        using var host = MachineTestHost.Create();

        host.Get<ApiKeyHasher>().GeneratedKey.Should().BeFalse();
        host.Logs.Lines.Should().NotContain(l => l.Contains("[3001]"));
    }
}
