using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary><c>GET</c>/<c>DELETE /sessions</c> and <c>DELETE /sessions/{id}</c>: the caller's other sessions.</summary>
public sealed class SessionsApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Listing_answers_the_other_active_sessions_with_paging_headers()
    {
        var current = await _host.SignInAsync();
        var other = await _host.SignInAgainAsync(current.Session.IdentityId);
        var revoked = await _host.SignInAgainAsync(current.Session.IdentityId);
        await _host.Sessions().RevokeAsync(revoked.Session.Id);
        await _host.SignInAsync("someone@example.com");

        var (response, body) = await _host.SendWithAsync(HttpMethod.Get, "/sessions", null, Token(current));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(other.Session.Id);
        body[0].GetProperty("identity").GetProperty("id").GetGuid().Should().Be(current.Session.IdentityId);
        response.Headers.GetValues("X-Total-Count").Should().Equal("1");
        response.Headers.Contains("Link").Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_session_listing_and_revoking_answer_401()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/sessions"), (HttpMethod.Delete, "/sessions"), (HttpMethod.Delete, $"/sessions/{Guid.NewGuid()}") })
        {
            var (response, body) = await _host.SendWithAsync(method, path);

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            body.ShouldBeKratosError(401, reason: "No valid session cookie found.", message: "The request could not be authorized");
        }
    }

    [Fact]
    public async Task Deleting_revokes_every_other_session_and_counts_them()
    {
        var current = await _host.SignInAsync();
        var a = await _host.SignInAgainAsync(current.Session.IdentityId);
        var b = await _host.SignInAgainAsync(current.Session.IdentityId);
        var someoneElse = await _host.SignInAsync("someone@example.com");

        var (response, body) = await _host.SendWithAsync(HttpMethod.Delete, "/sessions", null, _host.SessionCookie(current));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetRawText().Should().Be("""{"count":2}""");
        (await _host.Sessions().GetAsync(a.Session.Id)).Active.Should().BeFalse();
        (await _host.Sessions().GetAsync(b.Session.Id)).Active.Should().BeFalse();
        (await _host.Sessions().GetAsync(current.Session.Id)).Active.Should().BeTrue();
        (await _host.Sessions().GetAsync(someoneElse.Session.Id)).Active.Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_one_revokes_only_an_own_other_session_and_answers_204_for_any_other_id()
    {
        var current = await _host.SignInAsync();
        var mine = await _host.SignInAgainAsync(current.Session.IdentityId);
        var theirs = await _host.SignInAsync("someone@example.com");

        var own = await _host.SendWithAsync(HttpMethod.Delete, $"/sessions/{mine.Session.Id}", null, Token(current));
        var foreign = await _host.SendWithAsync(HttpMethod.Delete, $"/sessions/{theirs.Session.Id}", null, Token(current));
        var unknown = await _host.SendWithAsync(HttpMethod.Delete, $"/sessions/{Guid.NewGuid()}", null, Token(current));

        own.Response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        foreign.Response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        unknown.Response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Sessions().GetAsync(mine.Session.Id)).Active.Should().BeFalse();
        (await _host.Sessions().GetAsync(theirs.Session.Id)).Active.Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_the_current_session_or_a_malformed_id_is_a_400_and_changes_nothing()
    {
        var current = await _host.SignInAsync();

        var (self, selfBody) = await _host.SendWithAsync(HttpMethod.Delete, $"/sessions/{current.Session.Id}", null, Token(current));
        var (bad, badBody) = await _host.SendWithAsync(HttpMethod.Delete, "/sessions/not-a-uuid", null, Token(current));

        self.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        selfBody.ShouldBeKratosError(400, message: "cannot revoke current session");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badBody.ShouldBeKratosError(400, message: "uuid: incorrect UUID length 10 in string \"not-a-uuid\"");
        (await _host.Sessions().GetAsync(current.Session.Id)).Active.Should().BeTrue();
    }
}
