using System.Net;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.SelfService;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Login;

public sealed class LoginBadInputTests : IAsyncLifetime
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Use = "code");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> InvitedWithPasswordAsync(string email)
    {
        var (identityId, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, email);
        var (saved, body) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", $$"""{"method":"password","password":"{{Password}}"}""", token);
        saved.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        return identityId;
    }

    private async Task<int> SessionCountAsync(Guid identityId) => (await _host.GetAsync($"/admin/identities/{identityId}/sessions")).Body.GetArrayLength();

    [Fact]
    public async Task A_browser_login_without_or_with_a_wrong_csrf_token_is_403_and_issues_no_session()
    {
        var identityId = await InvitedWithPasswordAsync("csrf-login@ory.sh");
        var sessions = await SessionCountAsync(identityId);
        using var browser = _host.Browser();
        var (started, _) = await browser.NavigateAsync("/self-service/login/browser");
        var flowId = BrowserInviteSequenceTests.FlowOf(started);

        var (missing, missingBody) = await browser.SendAsync(
            HttpMethod.Post, $"/self-service/login?flow={flowId}", HttpTestHost.RawJson($$"""{"method":"password","identifier":"csrf-login@ory.sh","password":"{{Password}}"}"""), "application/json");
        missing.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        missingBody.ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation");

        var (wrong, _) = await browser.SubmitFormAsync(
            $"/self-service/login?flow={flowId}", ("method", "password"), ("identifier", "csrf-login@ory.sh"), ("password", Password), ("csrf_token", "bm90LWEtdG9rZW4="));
        (await _host.ForwardedErrorAsync(wrong)).ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation");
        browser.Cookie("ory_kratos_session").Should().BeNull();
        (await SessionCountAsync(identityId)).Should().Be(sessions);
    }

    [Fact]
    public async Task A_browser_flow_read_without_the_csrf_cookie_is_403()
    {
        using var browser = _host.Browser();
        var (started, _) = await browser.NavigateAsync("/self-service/login/browser");
        var (read, body) = await _host.GetAsync($"/self-service/login/flows?id={BrowserInviteSequenceTests.FlowOf(started)}", accept: "application/json");
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        body.ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation");
    }

    [Fact]
    public async Task An_identity_without_a_password_and_an_inactive_identity_cannot_sign_in()
    {
        var invited = await _host.CreateIdentityAsync("nopassword@ory.sh");
        var (_, flow) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api");
        var id = flow.GetProperty("id").GetGuid();
        var (refused, body) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", """{"method":"password","identifier":"nopassword@ory.sh","password":"anything-at-all"}""");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4000006);
        (await SessionCountAsync(invited)).Should().Be(0);

        var disabled = await InvitedWithPasswordAsync("inactive@ory.sh");
        var sessions = await SessionCountAsync(disabled);
        await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{disabled}", HttpTestHost.RawJson("""[{"op":"replace","path":"/state","value":"inactive"}]"""));
        var (inactive, inactiveBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", $$"""{"method":"password","identifier":"inactive@ory.sh","password":"{{Password}}"}""");
        inactive.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        inactiveBody.GetProperty("ui").GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(4010011);
        (await SessionCountAsync(disabled)).Should().Be(sessions);
    }

    [Theory]
    [InlineData("""{"method":"webauthn","identifier":"a@ory.sh","password":"x"}""", 4010002)]
    [InlineData("""{"method":"password","password_identifier":"legacy@ory.sh","password":"wrong-password-1"}""", 4000006)]
    [InlineData("""{"method":"password","identifier":"a@ory.sh"}""", 4000002)]
    public async Task Unknown_methods_legacy_identifiers_and_missing_fields_are_flow_messages(string body, long messageId)
    {
        var (_, flow) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api");
        var (response, refused) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={flow.GetProperty("id").GetGuid()}", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, refused.ToString());
        refused.GetRawText().Should().Contain(messageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Expired_flows_malformed_input_and_existing_sessions_get_kratos_answers()
    {
        var (_, flow) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api");
        var id = flow.GetProperty("id").GetGuid();

        var (badJson, badJsonBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", "[1]");
        badJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badJsonBody.ShouldBeKratosError(400);

        var (badAal, badAalBody) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api?aal=aal9");
        badAal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badAalBody.ShouldBeKratosError(400);
        var (aal2, aal2Body) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api?aal=aal2");
        aal2.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        aal2Body.ShouldBeKratosError(401).GetProperty("id").GetString().Should().Be("session_aal1_required");

        var (forbidden, forbiddenBody) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api?return_to=https://evil.example/");
        forbidden.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forbiddenBody.ShouldBeKratosError(400).GetProperty("id").GetString().Should().Be("self_service_flow_return_to_forbidden");

        _host.Clock.Advance(Duration.FromMinutes(61));
        var (read, readBody) = await _host.SendNativeAsync(HttpMethod.Get, $"/self-service/login/flows?id={id}");
        read.StatusCode.Should().Be(HttpStatusCode.Gone);
        readBody.ShouldBeKratosError(410).GetProperty("details").GetProperty("api").GetString().Should().Be("http://127.0.0.1:4433/self-service/login/api");
        var (expired, expiredBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/login?flow={id}", """{"method":"password","identifier":"a@ory.sh","password":"x"}""");
        expired.StatusCode.Should().Be(HttpStatusCode.Gone);
        expiredBody.GetProperty("use_flow_id").GetGuid().Should().NotBe(id);

        var (_, token, _) = await NativeInviteSequenceTests.RecoverAsync(_host, "already@ory.sh");
        var (already, alreadyBody) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api", token: token);
        already.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        alreadyBody.ShouldBeKratosError(400, message: "you are already logged in").GetProperty("id").GetString().Should().Be("session_already_available");
    }
}
