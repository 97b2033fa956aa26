using System.Net;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>Logout: the browser logout URL, <c>/self-service/logout?token=</c> and <c>/self-service/logout/api</c>.</summary>
public sealed class LogoutApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string CsrfCookieName => _host.Services.GetRequiredService<CsrfProtection>().CookieName;

    private async Task<string> LogoutTokenAsync(IssuedSession issued, string? returnTo = null)
    {
        var path = "/self-service/logout/browser" + (returnTo is null ? string.Empty : "?return_to=" + Uri.EscapeDataString(returnTo));
        var (response, body) = await _host.SendWithAsync(HttpMethod.Get, path, null, _host.SessionCookie(issued));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        return body.GetProperty("logout_token").GetString()!;
    }

    [Fact]
    public async Task The_browser_logout_url_carries_the_logout_token_and_return_to()
    {
        var issued = await _host.SignInAsync();

        var (response, body) = await _host.SendWithAsync(HttpMethod.Get, "/self-service/logout/browser?return_to=http%3A%2F%2F127.0.0.1%3A4455%2Fbye", null, _host.SessionCookie(issued));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateObject().Select(p => p.Name).Should().Equal("logout_url", "logout_token");
        var token = body.GetProperty("logout_token").GetString()!;
        token.Should().StartWith("ory_lo_");
        body.GetProperty("logout_url").GetString().Should().Be($"http://127.0.0.1:4433/self-service/logout?token={token}&return_to=http%3A%2F%2F127.0.0.1%3A4455%2Fbye");
    }

    [Fact]
    public async Task The_browser_logout_url_needs_a_session_and_an_allowed_return_to()
    {
        var issued = await _host.SignInAsync();

        var (none, noneBody) = await _host.SendWithAsync(HttpMethod.Get, "/self-service/logout/browser");
        var (evil, evilBody) = await _host.SendWithAsync(HttpMethod.Get, "/self-service/logout/browser?return_to=https%3A%2F%2Fevil.test%2F", null, Token(issued));

        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noneBody.GetRawText().Should().Be("""{"error":{"code":401,"status":"Unauthorized","id":"session_inactive","message":"request does not have a valid authentication session","reason":"No active session was found in this request."}}""");
        evil.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        evilBody.GetRawText().Should().Be("""{"error":{"code":400,"status":"Bad Request","id":"self_service_flow_return_to_forbidden","message":"The request was malformed or contained invalid parameters","reason":"Requested return_to URL \"https://evil.test/\" is not allowed."}}""");
    }

    [Fact]
    public async Task A_json_logout_revokes_the_session_deletes_the_cookie_renews_csrf_and_answers_204()
    {
        var issued = await _host.SignInAsync();
        var token = await LogoutTokenAsync(issued);

        var (response, _) = await _host.SendWithAsync(HttpMethod.Get, $"/self-service/logout?token={token}", null, _host.SessionCookie(issued), AcceptJson);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeFalse();
        var deleted = response.SetCookie("ory_kratos_session");
        deleted!.Value.ToString().Should().BeEmpty();
        deleted.MaxAge.Should().Be(TimeSpan.Zero);
        response.SetCookie(CsrfCookieName)!.Value.ToString().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(null, LogoutReturnUrl)]
    [InlineData("http://127.0.0.1:4455/bye", "http://127.0.0.1:4455/bye")]
    [InlineData("/self-service/login/browser", "http://127.0.0.1:4455/self-service/login/browser")]
    public async Task A_browser_logout_redirects_to_return_to_or_the_logout_return_url(string? returnTo, string expected)
    {
        var issued = await _host.SignInAsync();
        var token = await LogoutTokenAsync(issued);
        var query = $"?token={token}" + (returnTo is null ? string.Empty : "&return_to=" + HttpUtility.UrlEncode(returnTo));

        var (response, _) = await _host.SendWithAsync(HttpMethod.Get, "/self-service/logout" + query, null, _host.SessionCookie(issued), ("Accept", "text/html"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().Should().Be(expected);
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_or_wrong_token_no_session_or_a_bad_return_to_logs_nobody_out()
    {
        var issued = await _host.SignInAsync();
        var other = await _host.SignInAsync("other@example.com");
        var token = await LogoutTokenAsync(issued);
        var othersToken = await LogoutTokenAsync(other);

        var (missing, missingBody) = await _host.SendWithAsync(HttpMethod.Get, "/self-service/logout", null, _host.SessionCookie(issued), AcceptJson);
        var (wrong, wrongBody) = await _host.SendWithAsync(HttpMethod.Get, $"/self-service/logout?token={othersToken}", null, _host.SessionCookie(issued), AcceptJson);
        var (none, noneBody) = await _host.SendWithAsync(HttpMethod.Get, $"/self-service/logout?token={token}", null, AcceptJson);
        var (evil, _) = await _host.SendWithAsync(HttpMethod.Get, $"/self-service/logout?token={token}&return_to=https%3A%2F%2Fevil.test", null, _host.SessionCookie(issued));

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missingBody.ShouldBeKratosError(400, reason: "Please include a token in the URL query.");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        wrongBody.ShouldBeKratosError(403, reason: "Unable to log out because the logout token in the URL query does not match the session cookie.");
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noneBody.GetProperty("error").GetProperty("id").GetString().Should().Be("session_inactive");
        (await _host.ForwardedErrorAsync(evil)).ShouldBeKratosError(400).GetProperty("id").GetString().Should().Be("self_service_flow_return_to_forbidden");
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeTrue();
        (await _host.Sessions().GetAsync(other.Session.Id)).Active.Should().BeTrue();
    }

    [Fact]
    public async Task The_api_logout_revokes_by_session_token_and_answers_204_again_for_a_revoked_one()
    {
        var issued = await _host.SignInAsync();
        var body = $$"""{"session_token":"{{issued.Token}}"}""";

        var (first, _) = await _host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", HttpTestHost.RawJson(body));
        var (again, _) = await _host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", HttpTestHost.RawJson(body));

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"session_token":"ory_st_unknownunknownunknownunknownunknownunknown1"}""")]
    [InlineData("""{"session_token":"not-a-token"}""")]
    [InlineData("""{}""")]
    public async Task The_api_logout_refuses_an_unknown_or_malformed_token_with_403(string body)
    {
        var issued = await _host.SignInAsync();

        var (response, json) = await _host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", HttpTestHost.RawJson(body));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        json.ShouldBeKratosError(403, reason: "The provided Ory Session Token could not be found, is invalid, or otherwise malformed.", message: "The requested action was forbidden");
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeTrue();
    }

    [Fact]
    public async Task The_api_logout_wants_a_json_body()
    {
        var issued = await _host.SignInAsync();

        var (form, _) = await _host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", new FormUrlEncodedContent([new("session_token", issued.Token)]));
        var (empty, emptyBody) = await _host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", HttpTestHost.RawJson(string.Empty));

        form.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        emptyBody.ShouldBeKratosError(400);
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeTrue();
    }
}
