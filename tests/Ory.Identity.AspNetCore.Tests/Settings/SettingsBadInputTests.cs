using System.Net;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.SelfService;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Settings;

public sealed class SettingsBadInputTests : IAsyncLifetime
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o => o.SelfService.Flows.Recovery.Use = "code");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> StoredCredentialsAsync(Guid identityId)
    {
        var (_, identity) = await _host.GetAsync($"/admin/identities/{identityId}?include_credential=password");
        return identity.TryGetProperty("credentials", out var credentials) ? credentials.GetRawText() : string.Empty;
    }

    [Fact]
    public async Task A_browser_settings_submission_without_or_with_a_wrong_csrf_token_is_403_and_changes_nothing()
    {
        using var browser = _host.Browser();
        var (identityId, flowId) = await BrowserInviteSequenceTests.OpenInviteLinkAsync(_host, browser, "csrf@ory.sh");
        var before = await StoredCredentialsAsync(identityId);

        var (missing, missingBody) = await browser.SendAsync(
            HttpMethod.Post, $"/self-service/settings?flow={flowId}", HttpTestHost.RawJson($$"""{"method":"password","password":"{{Password}}"}"""), "application/json");
        missing.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        missingBody.ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_csrf_violation");

        var (wrong, wrongBody) = await browser.SubmitFormAsync($"/self-service/settings?flow={flowId}", ("method", "password"), ("password", Password), ("csrf_token", Convert.ToBase64String(new byte[64])));
        wrongBody.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Undefined, "a browser is sent to the error UI, without a body");
        (await _host.ForwardedErrorAsync(wrong)).ShouldBeKratosError(403).GetProperty("details").GetProperty("reject_reason").GetString().Should().Contain("do not match");

        (await StoredCredentialsAsync(identityId)).Should().Be(before);
    }

    [Fact]
    public async Task Without_a_session_json_gets_401_and_browsers_go_to_the_login_flow()
    {
        var (api, apiBody) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/settings/api", null, null);
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = apiBody.ShouldBeKratosError(401, reason: "This endpoint can only be accessed with a valid session. Please log in and try again.");
        error.GetProperty("id").GetString().Should().Be("session_inactive");

        foreach (var token in new[] { "ory_st_unknown", "not-a-token" })
        {
            var (unknown, _) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/settings/api", null, token);
            unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var (read, readBody) = await _host.SendNativeAsync(HttpMethod.Get, $"/self-service/settings/flows?id={Guid.NewGuid()}", null, null);
        read.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        readBody.ShouldBeKratosError(401, reason: "A valid Ory Session Cookie or Ory Session Token is missing.");

        using var browser = _host.Browser();
        var (init, _) = await browser.NavigateAsync("/self-service/settings/browser");
        init.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        init.Headers.Location!.ToString().Should().Be("http://127.0.0.1:4433/self-service/login/browser");
        var (flows, _) = await browser.NavigateAsync($"/self-service/settings/flows?id={Guid.NewGuid()}");
        flows.StatusCode.Should().Be(HttpStatusCode.Found);
        flows.Headers.Location!.ToString().Should().Be("http://127.0.0.1:4455/login");
    }

    [Fact]
    public async Task A_revoked_session_cannot_change_the_password()
    {
        var (identityId, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, "revoked@ory.sh");
        var before = await StoredCredentialsAsync(identityId);
        var (_, sessions) = await _host.GetAsync($"/admin/identities/{identityId}/sessions");
        await _host.SendAsync(HttpMethod.Delete, $"/admin/sessions/{sessions[0].GetProperty("id").GetGuid()}");

        var (response, body) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", $$"""{"method":"password","password":"{{Password}}"}""", token);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        body.ShouldBeKratosError(401).GetProperty("id").GetString().Should().Be("session_inactive");
        (await StoredCredentialsAsync(identityId)).Should().Be(before);
    }

    [Fact]
    public async Task A_policy_failure_is_400_with_the_flow_carrying_the_message_and_nothing_is_stored()
    {
        var (identityId, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, "policy@ory.sh");
        var before = await StoredCredentialsAsync(identityId);
        foreach (var (password, messageId) in new[] { ("short", 4000032L), ("policy@ory.sh1", 4000031L) })
        {
            var (response, flow) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", $$"""{"method":"password","password":"{{password}}"}""", token);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, flow.ToString());
            flow.GetProperty("id").GetGuid().Should().Be(flowId);
            var node = flow.GetProperty("ui").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("attributes").GetProperty("name").GetString() == "password");
            node.GetProperty("messages")[0].GetProperty("id").GetInt64().Should().Be(messageId);
        }

        (await StoredCredentialsAsync(identityId)).Should().Be(before);
    }

    [Theory]
    [InlineData("""{"method":"totp","password":"x"}""", 4010004)]
    [InlineData("""{"password":"x"}""", 4010004)]
    [InlineData("""{"method":"password"}""", 4000002)]
    public async Task Unknown_methods_and_missing_fields_are_flow_messages(string body, long messageId)
    {
        var (identityId, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, $"method-{messageId}@ory.sh");
        var before = await StoredCredentialsAsync(identityId);
        var (response, flow) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", body, token);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, flow.ToString());
        flow.GetRawText().Should().Contain(messageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await StoredCredentialsAsync(identityId)).Should().Be(before);
    }

    [Fact]
    public async Task Malformed_bodies_flow_ids_and_other_flow_types_get_kratos_errors()
    {
        var (_, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, "malformed@ory.sh");
        var (badJson, badJsonBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", """{"method":""", token);
        badJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badJsonBody.ShouldBeKratosError(400, message: "unexpected end of JSON input");

        var (noFlow, noFlowBody) = await _host.SendNativeAsync(HttpMethod.Post, "/self-service/settings?flow=nope", """{"method":"password","password":"x"}""", token);
        noFlow.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noFlowBody.ShouldBeKratosError(400, reason: "The flow query parameter is missing or malformed.");

        var (_, login) = await _host.SendNativeAsync(HttpMethod.Get, "/self-service/login/api", null, null);
        var (other, otherBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={login.GetProperty("id").GetGuid()}", """{"method":"password","password":"x"}""", token);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "a login flow's id is no settings flow");
        otherBody.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task Another_identitys_flow_is_403_security_identity_mismatch()
    {
        var (_, _, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, "owner@ory.sh");
        var (_, intruder, _) = await NativeInviteSequenceTests.RecoverAsync(_host, "intruder@ory.sh");
        var (read, body) = await _host.SendNativeAsync(HttpMethod.Get, $"/self-service/settings/flows?id={flowId}", null, intruder);
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        body.ShouldBeKratosError(403).GetProperty("id").GetString().Should().Be("security_identity_mismatch");
    }

    [Fact]
    public async Task An_expired_flow_is_410_with_use_flow_id_and_an_old_session_must_refresh()
    {
        var (identityId, token, flowId) = await NativeInviteSequenceTests.RecoverAsync(_host, "expired@ory.sh");
        var before = await StoredCredentialsAsync(identityId);
        _host.Clock.Advance(Duration.FromMinutes(61));

        var (expired, body) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={flowId}", $$"""{"method":"password","password":"{{Password}}"}""", token);
        expired.StatusCode.Should().Be(HttpStatusCode.Gone, body.ToString());
        body.GetProperty("error").GetProperty("id").GetString().Should().Be("self_service_flow_expired");
        var replacement = body.GetProperty("use_flow_id").GetGuid();
        replacement.Should().NotBe(flowId);

        // The recovery session signed in 61 minutes ago, past the privileged window (1h): a new flow needs a fresh login.
        var (refresh, refreshBody) = await _host.SendNativeAsync(HttpMethod.Post, $"/self-service/settings?flow={replacement}", $$"""{"method":"password","password":"{{Password}}"}""", token);
        refresh.StatusCode.Should().Be(HttpStatusCode.Forbidden, refreshBody.ToString());
        refreshBody.GetProperty("error").GetProperty("id").GetString().Should().Be("session_refresh_required");
        refreshBody.GetProperty("redirect_browser_to").GetString().Should().StartWith("http://127.0.0.1:4433/self-service/login/browser?refresh=true&return_to=");
        (await StoredCredentialsAsync(identityId)).Should().Be(before);
    }

    [Fact]
    public async Task The_well_known_change_password_url_redirects_to_the_settings_ui()
    {
        var (response, _) = await _host.GetAsync("/.well-known/change-password");
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().Should().Be("http://127.0.0.1:4455/settings");
    }
}
