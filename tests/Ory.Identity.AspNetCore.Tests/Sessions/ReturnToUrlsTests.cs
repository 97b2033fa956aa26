using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>Where logout returns to without a <c>return_to</c>, and how one is checked.</summary>
public sealed class ReturnToUrlsTests
{
    private static async Task<Uri> LogoutTargetAsync(Action<OryIdentityOptions> configure, string? returnTo = null)
    {
        await using var host = await HttpTestHost.StartAsync(configure);
        return host.Services.GetRequiredService<ReturnToUrls>().ForLogout(returnTo);
    }

    [Fact]
    public async Task Logout_returns_to_its_own_url_then_the_default_browser_url_then_the_public_base_url()
    {
        var own = await LogoutTargetAsync(o =>
        {
            o.SelfService.Flows.Logout.After.DefaultBrowserReturnUrl = "https://app.example.com/login";
            o.SelfService.DefaultBrowserReturnUrl = "https://app.example.com/welcome";
        });
        var fallback = await LogoutTargetAsync(o => o.SelfService.DefaultBrowserReturnUrl = "https://app.example.com/welcome");
        var none = await LogoutTargetAsync(_ => { });

        own.ToString().Should().Be("https://app.example.com/login");
        fallback.ToString().Should().Be("https://app.example.com/welcome");
        none.ToString().Should().Be("http://127.0.0.1:4433/");
    }

    [Theory]
    [InlineData("https://a.example.com/x", "https://a.example.com/x")]
    [InlineData("/welcome/next", "https://app.example.com/welcome/next")]
    [InlineData("http://127.0.0.1:4433/self-service/login/browser", "http://127.0.0.1:4433/self-service/login/browser")]
    public async Task An_allowed_wildcard_relative_or_self_service_return_to_is_kept(string returnTo, string expected)
    {
        var target = await LogoutTargetAsync(
            o =>
            {
                o.SelfService.AllowedReturnUrls = ["https://*.example.com/"];
                o.SelfService.DefaultBrowserReturnUrl = "https://app.example.com/welcome";
            },
            returnTo);

        target.ToString().Should().Be(expected);
    }

    [Fact]
    public async Task A_wildcard_for_a_whole_top_level_domain_fails_at_start()
    {
        var start = () => HttpTestHost.StartAsync(o => o.SelfService.AllowedReturnUrls = ["https://*.com/"]);

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("selfservice.allowed_return_urls must be an absolute http or https URL, got \"https://*.com/\".");
    }
}
