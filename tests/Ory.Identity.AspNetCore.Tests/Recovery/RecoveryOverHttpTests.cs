using System.Net;
using Ory.Identity.AspNetCore.Tests.SelfService;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Recovery;

public sealed class RecoveryOverHttpTests
{
    [Fact]
    public async Task A_browser_flow_sets_the_csrf_cookie_and_refuses_an_address_without_the_token()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Use = "code");
        await host.CreateIdentityAsync("browser-recovery@ory.sh");
        using var browser = host.Browser();

        var (started, _) = await browser.NavigateAsync("/self-service/recovery/browser");
        started.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        started.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/recovery");
        var flowId = BrowserInviteSequenceTests.FlowOf(started);
        browser.Cookies.GetAllCookies().Should().Contain(c => c.Name.StartsWith("csrf_token_", StringComparison.Ordinal));

        var (refused, error) = await browser.SubmitFormAsync($"/self-service/recovery?flow={flowId}", ("method", "code"), ("email", "browser-recovery@ory.sh"));
        (await host.ForwardedErrorAsync(refused)).ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation");
        error.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Undefined, "a browser is sent to the error UI, without a body");
        host.Outbox.Messages.Should().BeEmpty("nothing is sent for a refused submission");

        var (_, flow) = await browser.FetchAsync($"/self-service/recovery/flows?id={flowId}");
        var (sent, _) = await browser.SubmitFormAsync(
            $"/self-service/recovery?flow={flowId}", ("method", "code"), ("email", "browser-recovery@ory.sh"), ("csrf_token", BrowserInviteSequenceTests.CsrfToken(flow)));
        sent.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var code = host.Outbox.Messages.Should().ContainSingle().Subject.RecoveryCode!;

        var (_, again) = await browser.FetchAsync($"/self-service/recovery/flows?id={flowId}");
        var (noToken, _) = await browser.SubmitFormAsync($"/self-service/recovery?flow={flowId}", ("method", "code"), ("code", code));
        (await host.ForwardedErrorAsync(noToken)).ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation", "a code needs the token too");

        var (recovered, _) = await browser.SubmitFormAsync(
            $"/self-service/recovery?flow={flowId}", ("method", "code"), ("code", code), ("csrf_token", BrowserInviteSequenceTests.CsrfToken(again)));
        recovered.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        recovered.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/settings");
        browser.Cookie("ory_kratos_session").Should().NotBeNullOrEmpty();
        (await browser.FetchAsync("/sessions/whoami")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_spa_gets_the_browser_flow_as_json_and_a_signed_in_browser_is_sent_on()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.DefaultBrowserReturnUrl = "http://127.0.0.1:4455/welcome");
        using var browser = host.Browser();
        var (created, flow) = await browser.FetchAsync("/self-service/recovery/browser");
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        flow.GetProperty("type").GetString().Should().Be("browser");
        BrowserInviteSequenceTests.CsrfToken(flow).Should().NotBeNullOrEmpty();

        await BrowserInviteSequenceTests.OpenInviteLinkAsync(host, browser, "signed-in@ory.sh");
        var (page, _) = await browser.NavigateAsync("/self-service/recovery/browser");
        page.StatusCode.Should().Be(HttpStatusCode.Found);
        page.Headers.Location!.ToString().Should().Be("http://127.0.0.1:4455/welcome");
        var (json, body) = await browser.FetchAsync("/self-service/recovery/browser");
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "A valid session was detected and thus recovery is not possible.");
    }

    [Fact]
    public async Task An_admin_code_on_a_browser_flow_needs_no_csrf_token()
    {
        await using var host = await HttpTestHost.StartAsync();
        var identityId = await host.CreateIdentityAsync("admin-code@ory.sh");
        var (_, code) = await host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{identityId}}"}""");
        var flowId = new Uri(code.GetProperty("recovery_link").GetString()!).Query.Split("flow=")[1];

        using var browser = host.Browser();
        var (recovered, _) = await browser.SubmitFormAsync($"/self-service/recovery?flow={flowId}", ("method", "code"), ("code", code.GetProperty("recovery_code").GetString()!));
        recovered.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        recovered.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:4455/settings");
        browser.Cookie("ory_kratos_session").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Without_continue_with_transitions_a_json_code_redemption_is_422_and_returns_no_token()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.FeatureFlags.UseContinueWithTransitions = false);
        var identityId = await host.CreateIdentityAsync("no-transitions@ory.sh");
        var (_, code) = await host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{identityId}}","flow_type":"api"}""");
        var flowId = new Uri(code.GetProperty("recovery_link").GetString()!).Query.Split("flow=")[1];

        var (response, body) = await host.PostAsync($"/self-service/recovery?flow={flowId}", $$"""{"method":"code","code":"{{code.GetProperty("recovery_code").GetString()}}"}""");
        response.StatusCode.Should().Be((HttpStatusCode)422, body.ToString());
        var error = body.GetProperty("error");
        error.GetProperty("id").GetString().Should().Be("browser_location_change_required");
        body.GetProperty("redirect_browser_to").GetString().Should().StartWith("http://127.0.0.1:4455/settings?flow=");
        body.GetRawText().Should().NotContain("ory_st_");
    }
}
