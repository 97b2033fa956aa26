using System.Net;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary><c>/sessions/whoami</c>: the session a request presents, found in Kratos's order, or the same 401.</summary>
public sealed class WhoAmITests : IAsyncLifetime
{
    private const string Unauthorized = """{"error":{"code":401,"status":"Unauthorized","message":"The request could not be authorized","reason":"No valid session credentials found in the request."}}""";

    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> WhoAmIAsync(params (string, string)[] headers) =>
        _host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, headers);

    [Fact]
    public async Task A_session_token_header_answers_the_session_with_identity_devices_and_the_identity_header()
    {
        var issued = await _host.SignInAsync();

        var (response, body) = await WhoAmIAsync(Token(issued));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Kratos-Authenticated-Identity-Id").Should().Equal(issued.Session.IdentityId.ToString());
        body.GetProperty("id").GetGuid().Should().Be(issued.Session.Id);
        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(issued.Session.IdentityId);
        body.GetProperty("identity").TryGetProperty("credentials", out _).Should().BeFalse();
        body.GetProperty("devices").GetArrayLength().Should().Be(1);
        body.GetProperty("authentication_methods")[0].GetProperty("method").GetString().Should().Be("password");
        body.GetRawText().Should().NotContain(issued.Token);
    }

    [Fact]
    public async Task The_session_cookie_and_a_bearer_token_with_any_scheme_case_work_too()
    {
        var issued = await _host.SignInAsync();

        (await WhoAmIAsync(_host.SessionCookie(issued))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WhoAmIAsync(Bearer(issued.Token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WhoAmIAsync(("Authorization", "bEaReR " + issued.Token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer {0} extra")]
    [InlineData("Bearer {0} ")]
    [InlineData("Basic {0}")]
    [InlineData("{0}")]
    public async Task An_authorization_header_that_is_not_two_parts_with_the_bearer_scheme_is_no_token(string format)
    {
        var issued = await _host.SignInAsync();
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, issued.Token);

        // Sent on the server's own context, so the header reaches the app exactly as written.
        var context = await _host.SendRawAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/sessions/whoami";
            c.Request.Headers.Authorization = header;
        });

        context.Response.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task The_header_comes_first_then_the_cookie_then_the_bearer_token()
    {
        var first = await _host.SignInAsync("first@example.com");
        var second = await _host.SignInAsync("second@example.com");

        var headerWins = await WhoAmIAsync(Token(first), _host.SessionCookie(second), Bearer(second.Token));
        var cookieWins = await WhoAmIAsync(_host.SessionCookie(first), Bearer(second.Token));
        var unknownHeaderWins = await WhoAmIAsync(("X-Session-Token", "ory_st_unknown"), _host.SessionCookie(first));

        headerWins.Body.GetProperty("id").GetGuid().Should().Be(first.Session.Id);
        cookieWins.Body.GetProperty("id").GetGuid().Should().Be(first.Session.Id);
        unknownHeaderWins.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_or_foreign_cookie_is_ignored_and_the_bearer_token_is_tried()
    {
        var issued = await _host.SignInAsync();
        var value = _host.CookieValue(issued);
        var tampered = value[..10] + (value[10] == 'A' ? 'B' : 'A') + value[11..];

        var alone = await WhoAmIAsync(Cookie("ory_kratos_session", tampered));
        var garbage = await WhoAmIAsync(Cookie("ory_kratos_session", "not-a-cookie"));
        var withBearer = await WhoAmIAsync(Cookie("ory_kratos_session", tampered), Bearer(issued.Token));

        alone.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        alone.Body.GetRawText().Should().Be(Unauthorized);
        garbage.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withBearer.Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_unknown_expired_and_revoked_sessions_and_inactive_identities_all_get_the_same_401()
    {
        var expired = await _host.SignInAsync("expired@example.com");
        var revoked = await _host.SignInAsync("revoked@example.com");
        var disabled = await _host.SignInAsync("disabled@example.com");
        await _host.Sessions().RevokeAsync(revoked.Session.Id);
        var (patched, _) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{disabled.Session.IdentityId}", HttpTestHost.RawJson("""[{"op":"replace","path":"/state","value":"inactive"}]"""));
        patched.StatusCode.Should().Be(HttpStatusCode.OK);

        var none = await WhoAmIAsync();
        var unknown = await WhoAmIAsync(Token(expired with { Token = "ory_st_" + new string('x', 43) }));
        var wasRevoked = await WhoAmIAsync(Token(revoked));
        var inactive = await WhoAmIAsync(Token(disabled));
        _host.Clock.Advance(Duration.FromHours(24));
        var wasExpired = await WhoAmIAsync(Token(expired));

        foreach (var (response, body) in new[] { none, unknown, wasRevoked, inactive, wasExpired })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            body.GetRawText().Should().Be(Unauthorized);
            response.Headers.Contains("X-Kratos-Authenticated-Identity-Id").Should().BeFalse();
        }
    }

    [Fact]
    public async Task The_cookie_is_issued_again_when_the_session_was_extended_after_it()
    {
        var issued = await _host.SignInAsync();
        var unchanged = await WhoAmIAsync(_host.SessionCookie(issued));
        _host.Clock.Advance(Duration.FromHours(1));
        var extended = await _host.Sessions().ExtendAsync(issued.Session.Id);

        var (response, _) = await WhoAmIAsync(_host.SessionCookie(issued));

        unchanged.Response.SetCookie("ory_kratos_session").Should().BeNull();
        var cookie = response.SetCookie("ory_kratos_session");
        cookie.Should().NotBeNull();
        cookie!.MaxAge.Should().Be(TimeSpan.FromHours(24));
        var value = _host.Services.GetService(typeof(Internal.SessionCookie)) as Internal.SessionCookie;
        var decoded = value!.Unprotect(cookie.Value.ToString());
        decoded!.Token.Should().Be(issued.Token);
        decoded.ExpiresAt.Should().Be(extended.ExpiresAt);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task Whoami_answers_every_method_kratos_routes(string method)
    {
        var issued = await _host.SignInAsync();

        var (response, body) = await _host.SendWithAsync(new HttpMethod(method), "/sessions/whoami", null, Token(issued));
        var (anonymous, _) = await _host.SendWithAsync(new HttpMethod(method), "/sessions/whoami");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("id").GetGuid().Should().Be(issued.Session.Id);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
