using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Passwords;

public sealed class PasswordMethodOptionsTests
{
    [Fact]
    public void Kratos_keys_bind_unchanged()
    {
        var json = $$"""
        {
          "identity": { "schemas": [ { "id": "default", "url": "{{TestHost.SchemaUrl("quickstart-email-password")}}" } ] },
          "selfservice": {
            "methods": {
              "password": {
                "enabled": false,
                "config": {
                  "min_password_length": 12,
                  "identifier_similarity_check_enabled": false,
                  "haveibeenpwned_enabled": false,
                  "haveibeenpwned_host": "hibp.example.test",
                  "max_breaches": 7,
                  "ignore_network_errors": false
                }
              },
              "profile": { "enabled": false }
            }
          }
        }
        """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddOryIdentity(configuration).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var methods = provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value.SelfService.Methods;

        methods.Password.Enabled.Should().BeFalse();
        methods.Password.Config.MinPasswordLength.Should().Be(12);
        methods.Password.Config.IdentifierSimilarityCheckEnabled.Should().BeFalse();
        methods.Password.Config.HaveIBeenPwnedEnabled.Should().BeFalse();
        methods.Password.Config.HaveIBeenPwnedHost.Should().Be("hibp.example.test");
        methods.Password.Config.MaxBreaches.Should().Be(7);
        methods.Password.Config.IgnoreNetworkErrors.Should().BeFalse();
        methods.Profile.Enabled.Should().BeFalse();
    }

    [Fact]
    public void Defaults_are_Kratos_defaults()
    {
        var methods = new OryIdentityOptions().SelfService.Methods;

        methods.Password.Enabled.Should().BeTrue();
        methods.Password.Config.MinPasswordLength.Should().Be(8);
        methods.Password.Config.IdentifierSimilarityCheckEnabled.Should().BeTrue();
        methods.Password.Config.HaveIBeenPwnedEnabled.Should().BeTrue();
        methods.Password.Config.HaveIBeenPwnedHost.Should().Be("api.pwnedpasswords.com");
        methods.Password.Config.MaxBreaches.Should().Be(0);
        methods.Password.Config.IgnoreNetworkErrors.Should().BeTrue();
        methods.Profile.Enabled.Should().BeTrue();
    }

    [Theory]
    [InlineData(5, 0, "api.pwnedpasswords.com", "selfservice.methods.password.config.min_password_length must be at least 6, got 5.")]
    [InlineData(8, -1, "api.pwnedpasswords.com", "selfservice.methods.password.config.max_breaches must be between 0 and 100, got -1.")]
    [InlineData(8, 101, "api.pwnedpasswords.com", "selfservice.methods.password.config.max_breaches must be between 0 and 100, got 101.")]
    [InlineData(8, 0, "https://api.pwnedpasswords.com", "selfservice.methods.password.config.haveibeenpwned_host must be a host name such as \"api.pwnedpasswords.com\" (optionally with a port), without a scheme or path; https is always used. Got \"https://api.pwnedpasswords.com\".")]
    [InlineData(8, 0, "api.pwnedpasswords.com/range", "selfservice.methods.password.config.haveibeenpwned_host must be a host name such as \"api.pwnedpasswords.com\" (optionally with a port), without a scheme or path; https is always used. Got \"api.pwnedpasswords.com/range\".")]
    [InlineData(8, 0, "", "selfservice.methods.password.config.haveibeenpwned_host must be a host name such as \"api.pwnedpasswords.com\" (optionally with a port), without a scheme or path; https is always used. Got \"\".")]
    [InlineData(8, 0, "user@host", "selfservice.methods.password.config.haveibeenpwned_host must be a host name such as \"api.pwnedpasswords.com\" (optionally with a port), without a scheme or path; https is always used. Got \"user@host\".")]
    public void Bad_options_fail_at_start_with_a_clear_message(int minLength, int maxBreaches, string host, string message)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.SelfService.Methods.Password.Config.MinPasswordLength = minLength;
                o.SelfService.Methods.Password.Config.MaxBreaches = maxBreaches;
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedHost = host;
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IPasswordPolicy>();

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Be(message);
    }

    [Theory]
    [InlineData(6, 0, "api.pwnedpasswords.com")]
    [InlineData(6, 100, "localhost:8443")]
    [InlineData(72, 100, "127.0.0.1")]
    public void Bounds_are_inclusive(int minLength, int maxBreaches, string host)
    {
        var config = new PasswordMethodConfig { MinPasswordLength = minLength, MaxBreaches = maxBreaches, HaveIBeenPwnedHost = host };

        config.Validate().Should().BeEmpty();
    }

    [Fact]
    public void AddOryIdentity_registers_the_policy_and_the_range_client_and_keeps_a_hosts_own()
    {
        using (var host = new TestHost())
        {
            host.Get<IPasswordPolicy>().Should().BeOfType<PasswordPolicy>();
            host.Get<IBreachedPasswordChecker>().Should().BeOfType<PwnedPasswordsRangeClient>();
        }

        var own = new FakeBreachedPasswordChecker();
        using var custom = new TestHost(configure: b => b.Services.AddSingleton<IBreachedPasswordChecker>(own));
        custom.Get<IBreachedPasswordChecker>().Should().BeSameAs(own);
    }
}
