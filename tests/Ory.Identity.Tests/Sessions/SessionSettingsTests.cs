using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>The <c>session</c>, <c>cookies</c> and <c>feature_flags</c> keys: Kratos's defaults and fallbacks, and clear start failures.</summary>
public sealed class SessionSettingsTests
{
    [Fact]
    public void The_defaults_are_kratoss_except_continue_with_transitions()
    {
        var settings = SessionSettings.Create(new OryIdentityOptions());

        settings.Lifespan.Should().Be(Duration.FromHours(24));
        settings.EarliestPossibleExtend.Should().Be(Duration.FromHours(24));
        settings.CookieName.Should().Be("ory_kratos_session");
        settings.CookiePersistent.Should().BeTrue();
        settings.SessionCookie.Should().Be(new CookieSettings(null, "/", CookieSameSite.Lax, Secure: true));
        settings.Cookies.Should().Be(new CookieSettings(null, "/", CookieSameSite.Lax, Secure: true));
        settings.UseContinueWithTransitions.Should().BeTrue();
        settings.FasterSessionExtend.Should().BeFalse();
    }

    [Fact]
    public void Kratos_yml_keys_bind_and_session_cookie_attributes_fall_back_to_cookies()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["session:lifespan"] = "720h",
            ["session:earliest_possible_extend"] = "24h",
            ["session:cookie:name"] = "my_session",
            ["session:cookie:same_site"] = "Strict",
            ["session:cookie:persistent"] = "false",
            ["cookies:domain"] = "example.com",
            ["cookies:path"] = "/app",
            ["cookies:same_site"] = "None",
            ["feature_flags:use_continue_with_transitions"] = "false",
            ["feature_flags:faster_session_extend"] = "true",
            ["dev"] = "true",
        }).Build();
        var options = new OryIdentityOptions();
        configuration.Bind(options);

        var settings = SessionSettings.Create(options);

        settings.Lifespan.Should().Be(Duration.FromHours(720));
        settings.EarliestPossibleExtend.Should().Be(Duration.FromHours(24));
        settings.CookieName.Should().Be("my_session");
        settings.CookiePersistent.Should().BeFalse();
        settings.SessionCookie.Should().Be(new CookieSettings("example.com", "/app", CookieSameSite.Strict, Secure: false));
        settings.Cookies.Should().Be(new CookieSettings("example.com", "/app", CookieSameSite.None, Secure: false));
        settings.UseContinueWithTransitions.Should().BeFalse();
        settings.FasterSessionExtend.Should().BeTrue();
    }

    [Fact]
    public void An_explicit_secure_wins_over_dev_mode()
    {
        var options = new OryIdentityOptions { Dev = true };
        options.Session.Cookie.Secure = true;

        var settings = SessionSettings.Create(options);

        settings.SessionCookie.Secure.Should().BeTrue();
        settings.Cookies.Secure.Should().BeFalse();
    }

    [Theory]
    [InlineData("session.lifespan", "1 day", "session.lifespan must be a positive Go duration such as \"24h\" or \"30m\", got \"1 day\".")]
    [InlineData("session.lifespan", "0s", "session.lifespan must be a positive Go duration such as \"24h\" or \"30m\", got \"0s\".")]
    [InlineData("session.earliest_possible_extend", "-1h", "session.earliest_possible_extend must be a positive Go duration such as \"24h\" or \"30m\", got \"-1h\".")]
    [InlineData("session.cookie.name", "my session", "session.cookie.name must be a cookie name (letters, digits and !#$%&'*+-.^_`|~), got \"my session\".")]
    [InlineData("session.cookie.same_site", "Sometimes", "session.cookie.same_site must be \"Strict\", \"Lax\" or \"None\", got \"Sometimes\".")]
    [InlineData("cookies.path", "app", "cookies.path must be a path starting with \"/\" and without \";\", got \"app\".")]
    [InlineData("cookies.domain", "example.com; secure", "cookies.domain must be a domain name such as \"example.com\", got \"example.com; secure\".")]
    public void A_bad_value_fails_at_start_with_a_message_naming_the_key(string key, string value, string message)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                switch (key)
                {
                    case "session.lifespan": o.Session.Lifespan = value; break;
                    case "session.earliest_possible_extend": o.Session.EarliestPossibleExtend = value; break;
                    case "session.cookie.name": o.Session.Cookie.Name = value; break;
                    case "session.cookie.same_site": o.Session.Cookie.SameSite = value; break;
                    case "cookies.path": o.Cookies.Path = value; break;
                    case "cookies.domain": o.Cookies.Domain = value; break;
                }
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(message);
    }
}
