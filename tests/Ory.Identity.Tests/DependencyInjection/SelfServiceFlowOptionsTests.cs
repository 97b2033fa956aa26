using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.DependencyInjection;

public sealed class SelfServiceFlowOptionsTests
{
    [Fact]
    public void The_defaults_are_Kratos_defaults()
    {
        var settings = SelfServiceFlowSettings.Create(new OryIdentityOptions());

        settings.SettingsUiUrl.Should().Be("https://www.ory.com/kratos/docs/fallback/settings");
        settings.LoginUiUrl.Should().Be("https://www.ory.com/kratos/docs/fallback/login");
        settings.ErrorUiUrl.Should().Be("https://www.ory.com/kratos/docs/fallback/error");
        settings.SettingsLifespan.Should().Be(Duration.FromHours(1));
        settings.LoginLifespan.Should().Be(Duration.FromHours(1));
        settings.PrivilegedSessionMaxAge.Should().Be(Duration.FromHours(1));
        settings.SettingsRequiredAal.Should().Be("highest_available");
        settings.DefaultBrowserReturnUrl.Should().BeNull();
        settings.SettingsReturnUrl("password", Guid.Empty).Should().Be($"https://www.ory.com/kratos/docs/fallback/settings?flow={Guid.Empty}");
    }

    [Fact]
    public void The_kratos_yml_keys_bind_and_the_after_urls_fall_back_as_in_Kratos()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["selfservice:default_browser_return_url"] = "http://127.0.0.1:4455/welcome",
            ["selfservice:flows:settings:ui_url"] = "http://127.0.0.1:4455/settings",
            ["selfservice:flows:settings:privileged_session_max_age"] = "15m",
            ["selfservice:flows:settings:required_aal"] = "aal1",
            ["selfservice:flows:settings:after:password:default_browser_return_url"] = "http://127.0.0.1:4455/password-changed",
            ["selfservice:flows:login:ui_url"] = "http://127.0.0.1:4455/login",
            ["selfservice:flows:login:lifespan"] = "10m",
            ["selfservice:flows:logout:after:default_browser_return_url"] = "http://127.0.0.1:4455/login",
            ["selfservice:flows:error:ui_url"] = "http://127.0.0.1:4455/error",
        }).Build();
        var options = new OryIdentityOptions();
        configuration.Bind(options);

        var settings = SelfServiceFlowSettings.Create(options);

        settings.PrivilegedSessionMaxAge.Should().Be(Duration.FromMinutes(15));
        settings.LoginLifespan.Should().Be(Duration.FromMinutes(10));
        settings.SettingsRequiredAal.Should().Be("aal1");
        settings.SettingsReturnUrl("password", Guid.Empty).Should().Be("http://127.0.0.1:4455/password-changed");
        settings.SettingsReturnUrl("profile", Guid.Empty).Should().Be($"http://127.0.0.1:4455/settings?flow={Guid.Empty}");
        settings.LoginReturnUrl.Should().Be("http://127.0.0.1:4455/welcome");
        settings.LogoutReturnUrl.Should().Be("http://127.0.0.1:4455/login");
        settings.ErrorUiUrl.Should().Be("http://127.0.0.1:4455/error");
    }

    [Theory]
    [InlineData("selfservice.flows.settings.lifespan", "0s")]
    [InlineData("selfservice.flows.settings.privileged_session_max_age", "-1m")]
    [InlineData("selfservice.flows.settings.required_aal", "aal2")]
    [InlineData("selfservice.flows.settings.ui_url", "not a url")]
    [InlineData("selfservice.flows.settings.after.profile.default_browser_return_url", "ftp://x")]
    [InlineData("selfservice.flows.login.lifespan", "1d")]
    [InlineData("selfservice.flows.login.after.password.default_browser_return_url", "/relative")]
    [InlineData("selfservice.flows.logout.after.default_browser_return_url", "nope")]
    [InlineData("selfservice.flows.error.ui_url", "")]
    [InlineData("selfservice.default_browser_return_url", "welcome")]
    public void Invalid_values_fail_at_start_naming_the_key(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                var flows = o.SelfService.Flows;
                switch (key)
                {
                    case "selfservice.flows.settings.lifespan": flows.Settings.Lifespan = value; break;
                    case "selfservice.flows.settings.privileged_session_max_age": flows.Settings.PrivilegedSessionMaxAge = value; break;
                    case "selfservice.flows.settings.required_aal": flows.Settings.RequiredAal = value; break;
                    case "selfservice.flows.settings.ui_url": flows.Settings.UiUrl = value; break;
                    case "selfservice.flows.settings.after.profile.default_browser_return_url": flows.Settings.After.Profile.DefaultBrowserReturnUrl = value; break;
                    case "selfservice.flows.login.lifespan": flows.Login.Lifespan = value; break;
                    case "selfservice.flows.login.after.password.default_browser_return_url": flows.Login.After.Password.DefaultBrowserReturnUrl = value; break;
                    case "selfservice.flows.logout.after.default_browser_return_url": flows.Logout.After.DefaultBrowserReturnUrl = value; break;
                    case "selfservice.flows.error.ui_url": flows.Error.UiUrl = value; break;
                    case "selfservice.default_browser_return_url": o.SelfService.DefaultBrowserReturnUrl = value; break;
                }
            })
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<ISelfServiceSettings>();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(key);
    }
}
