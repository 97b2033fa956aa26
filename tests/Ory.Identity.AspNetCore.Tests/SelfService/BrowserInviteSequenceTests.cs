using System.Net;
using System.Text.Json;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.SelfService;

/// <summary>The invite in a browser: cookies, CSRF tokens and Kratos's redirects.</summary>
public sealed class BrowserInviteSequenceTests : IAsyncLifetime
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o => o.SelfService.DefaultBrowserReturnUrl = "http://127.0.0.1:4455/welcome");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static string CsrfToken(JsonElement flow) =>
        flow.GetProperty("ui").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("attributes").GetProperty("name").GetString() == "csrf_token")
            .GetProperty("attributes").GetProperty("value").GetString()!;

    internal static string FlowOf(HttpResponseMessage response) => response.Headers.Location!.Query.Split("flow=")[1];

    /// <summary>Opens an admin-issued recovery link in <paramref name="browser"/>; returns the settings flow id.</summary>
    internal static async Task<(Guid IdentityId, string SettingsFlowId)> OpenInviteLinkAsync(HttpTestHost host, BrowserClient browser, string email)
    {
        var identityId = await host.CreateIdentityAsync(email);
        var (_, link) = await host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{identityId}}"}""");
        var (opened, _) = await browser.NavigateAsync(new Uri(link.GetProperty("recovery_link").GetString()!).PathAndQuery);
        opened.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        opened.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/settings");
        browser.Cookie("ory_kratos_session").Should().NotBeNullOrEmpty();
        return (identityId, FlowOf(opened));
    }

    [Fact]
    public async Task An_invited_person_sets_a_password_signs_out_and_signs_in_again_in_a_browser()
    {
        using var browser = _host.Browser();
        var (identityId, settingsFlowId) = await OpenInviteLinkAsync(_host, browser, "browser@ory.sh");

        var (read, settingsFlow) = await browser.FetchAsync($"/self-service/settings/flows?id={settingsFlowId}");
        read.StatusCode.Should().Be(HttpStatusCode.OK, settingsFlow.ToString());
        settingsFlow.GetProperty("type").GetString().Should().Be("browser");
        var csrf = CsrfToken(settingsFlow);
        csrf.Should().NotBeNullOrEmpty();

        var (saved, _) = await browser.SubmitFormAsync($"/self-service/settings?flow={settingsFlowId}", ("method", "password"), ("password", Password), ("csrf_token", csrf));
        saved.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        saved.Headers.Location!.ToString().Should().Be($"http://127.0.0.1:4455/settings?flow={settingsFlowId}");
        saved.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("ory_kratos_session=", StringComparison.Ordinal), "the cookie is issued again");
        var (_, done) = await browser.FetchAsync($"/self-service/settings/flows?id={settingsFlowId}");
        done.GetProperty("state").GetString().Should().Be("success");

        var (logoutUrl, logout) = await browser.FetchAsync("/self-service/logout/browser");
        logoutUrl.StatusCode.Should().Be(HttpStatusCode.OK, logout.ToString());
        var (loggedOut, _) = await browser.NavigateAsync(new Uri(logout.GetProperty("logout_url").GetString()!).PathAndQuery);
        loggedOut.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await browser.FetchAsync("/sessions/whoami")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var (started, _) = await browser.NavigateAsync("/self-service/login/browser");
        started.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        started.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/login");
        var loginFlowId = FlowOf(started);
        var (loginRead, loginFlow) = await browser.FetchAsync($"/self-service/login/flows?id={loginFlowId}");
        loginRead.StatusCode.Should().Be(HttpStatusCode.OK, loginFlow.ToString());

        var (signedIn, _) = await browser.SubmitFormAsync(
            $"/self-service/login?flow={loginFlowId}", ("method", "password"), ("identifier", "browser@ory.sh"), ("password", Password), ("csrf_token", CsrfToken(loginFlow)));
        signedIn.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        signedIn.Headers.Location!.ToString().Should().Be("http://127.0.0.1:4455/welcome");

        var (whoami, session) = await browser.FetchAsync("/sessions/whoami");
        whoami.StatusCode.Should().Be(HttpStatusCode.OK, session.ToString());
        session.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(identityId);
        session.GetProperty("authentication_methods")[0].GetProperty("method").GetString().Should().Be("password");

        var logs = string.Join('\n', _host.Logs.Lines);
        logs.Should().NotContain(Password).And.NotContain(csrf).And.NotContain(browser.Cookie("ory_kratos_session")!);
    }

    [Fact]
    public async Task A_browser_login_asked_for_json_gets_the_session_and_where_to_go_next()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/"]);
        using var browser = host.Browser();
        var (_, settingsFlowId) = await OpenInviteLinkAsync(host, browser, "spa@ory.sh");
        var (_, settingsFlow) = await browser.FetchAsync($"/self-service/settings/flows?id={settingsFlowId}");
        await browser.SubmitFormAsync($"/self-service/settings?flow={settingsFlowId}", ("method", "password"), ("password", Password), ("csrf_token", CsrfToken(settingsFlow)));

        using var other = host.Browser();
        var (created, flow) = await other.FetchAsync("/self-service/login/browser?return_to=http://127.0.0.1:4455/dashboard");
        created.StatusCode.Should().Be(HttpStatusCode.OK, flow.ToString());
        var body = $$"""{"method":"password","identifier":"spa@ory.sh","password":"{{Password}}","csrf_token":"{{CsrfToken(flow)}}"}""";
        var (signedIn, result) = await other.SendAsync(HttpMethod.Post, $"/self-service/login?flow={flow.GetProperty("id").GetGuid()}", HttpTestHost.RawJson(body), "application/json");
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, result.ToString());
        result.TryGetProperty("session_token", out _).Should().BeFalse("browser flows never get a token");
        result.GetProperty("continue_with")[0].GetProperty("redirect_browser_to").GetString().Should().Be("http://127.0.0.1:4455/dashboard");
        other.Cookie("ory_kratos_session").Should().NotBeNullOrEmpty();
    }
}
