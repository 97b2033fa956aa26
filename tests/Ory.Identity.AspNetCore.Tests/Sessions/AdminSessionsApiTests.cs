using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Ory.Identity.AspNetCore.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>The admin session endpoints: list, get, extend, revoke, and an identity's sessions.</summary>
public sealed partial class AdminSessionsApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [GeneratedRegex("<([^>]*)>; rel=\"next\"")]
    private static partial Regex NextLink();

    [Fact]
    public async Task Listing_pages_newest_first_with_a_next_link_until_the_last_page()
    {
        var first = await _host.SignInAsync("a@example.com");
        _host.Clock.Advance(Duration.FromSeconds(1));
        var second = await _host.SignInAsync("b@example.com");
        _host.Clock.Advance(Duration.FromSeconds(1));
        var third = await _host.SignInAsync("c@example.com");

        var (page1, body1) = await _host.GetAsync("/admin/sessions?page_size=2");
        var next = NextLink().Match(page1.Headers.GetValues("Link").Single()).Groups[1].Value;
        var (page2, body2) = await _host.GetAsync(next);

        page1.StatusCode.Should().Be(HttpStatusCode.OK);
        body1.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(third.Session.Id, second.Session.Id);
        body1[0].GetProperty("identity").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        next.Should().StartWith("/admin/sessions?page_size=2&page_token=");
        page2.StatusCode.Should().Be(HttpStatusCode.OK);
        body2.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(first.Session.Id);
        NextLink().IsMatch(page2.Headers.GetValues("Link").Single()).Should().BeFalse();
    }

    [Fact]
    public async Task Listing_filters_on_active_and_expands_identity_and_devices()
    {
        var active = await _host.SignInAsync("a@example.com");
        var revoked = await _host.SignInAsync("b@example.com");
        await _host.Sessions().RevokeAsync(revoked.Session.Id);

        var (_, onlyActive) = await _host.GetAsync("/admin/sessions?active=true&expand=identity&expand=devices");
        var (_, onlyInactive) = await _host.GetAsync("/admin/sessions?active=f");

        onlyActive.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(active.Session.Id);
        onlyActive[0].GetProperty("identity").GetProperty("id").GetGuid().Should().Be(active.Session.IdentityId);
        onlyActive[0].GetProperty("devices").GetArrayLength().Should().Be(1);
        onlyInactive.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(revoked.Session.Id);
    }

    [Fact]
    public async Task Listing_refuses_a_bad_active_or_expand_value_with_kratos_texts()
    {
        var (active, activeBody) = await _host.GetAsync("/admin/sessions?active=maybe");
        var (expand, expandBody) = await _host.GetAsync("/admin/sessions?expand=credentials");

        active.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        activeBody.ShouldBeKratosError(400, message: "could not parse parameter active");
        expand.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        expandBody.ShouldBeKratosError(400, reason: "Could not parse expand option: credentials");
    }

    [Fact]
    public async Task Getting_one_expands_on_request_and_answers_404_and_400_for_unknown_and_malformed_ids()
    {
        var issued = await _host.SignInAsync();

        var (plain, plainBody) = await _host.GetAsync($"/admin/sessions/{issued.Session.Id}");
        var (_, expanded) = await _host.GetAsync($"/admin/sessions/{issued.Session.Id}?expand=identity");
        var (unknown, unknownBody) = await _host.GetAsync($"/admin/sessions/{Guid.NewGuid()}");
        var (bad, badBody) = await _host.GetAsync("/admin/sessions/0123456789abcdef0123456789abcdefXXXX");

        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plainBody.GetProperty("identity").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        plainBody.GetProperty("devices").GetArrayLength().Should().Be(0);
        expanded.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(issued.Session.IdentityId);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownBody.ShouldBeKratosError(404);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badBody.ShouldBeKratosError(400, message: "uuid: incorrect UUID format in string \"0123456789abcdef0123456789abcdefXXXX\"");
    }

    [Fact]
    public async Task Extending_accepts_the_sdks_empty_form_body_and_moves_expires_at_to_now_plus_the_lifespan()
    {
        var issued = await _host.SignInAsync();
        _host.Clock.Advance(Duration.FromHours(3));

        var (response, body) = await _host.SendAsync(HttpMethod.Patch, $"/admin/sessions/{issued.Session.Id}/extend", FormContent());

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        var expected = HttpTestHost.Start + Duration.FromHours(27);
        InstantPattern.ExtendedIso.Parse(body.GetProperty("expires_at").GetString()!).Value.Should().Be(expected);
        body.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(issued.Session.IdentityId);
        (await _host.Sessions().GetAsync(issued.Session.Id)).ExpiresAt.Should().Be(expected);
    }

    [Fact]
    public async Task Extending_an_unknown_session_is_a_404()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, $"/admin/sessions/{Guid.NewGuid()}/extend");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task With_faster_session_extend_extending_answers_204()
    {
        await using var host = await StartAsync(o => o.FeatureFlags.FasterSessionExtend = true);
        var issued = await host.SignInAsync();
        host.Clock.Advance(Duration.FromHours(1));

        var (response, _) = await host.SendAsync(HttpMethod.Patch, $"/admin/sessions/{issued.Session.Id}/extend");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.Sessions().GetAsync(issued.Session.Id)).ExpiresAt.Should().Be(HttpTestHost.Start + Duration.FromHours(25));
    }

    [Fact]
    public async Task Deleting_one_revokes_it_and_an_unknown_one_is_a_404()
    {
        var issued = await _host.SignInAsync();

        var (response, _) = await _host.SendAsync(HttpMethod.Delete, $"/admin/sessions/{issued.Session.Id}");
        var (unknown, unknownBody) = await _host.SendAsync(HttpMethod.Delete, $"/admin/sessions/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeFalse();
        (await _host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, Token(issued))).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownBody.ShouldBeKratosError(404);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("")]
    public async Task An_identitys_sessions_are_listed_with_a_total_and_hard_deleted(string prefix)
    {
        var first = await _host.SignInAsync();
        var second = await _host.SignInAgainAsync(first.Session.IdentityId);
        await _host.Sessions().RevokeAsync(second.Session.Id);
        var someoneElse = await _host.SignInAsync("someone@example.com");
        var identity = first.Session.IdentityId;

        var (all, allBody) = await _host.GetAsync($"{prefix}/identities/{identity}/sessions");
        var (_, inactive) = await _host.GetAsync($"{prefix}/identities/{identity}/sessions?active=false");
        var (deleted, _) = await _host.SendAsync(HttpMethod.Delete, $"{prefix}/identities/{identity}/sessions");
        var (again, againBody) = await _host.SendAsync(HttpMethod.Delete, $"{prefix}/identities/{identity}/sessions");

        all.StatusCode.Should().Be(HttpStatusCode.OK);
        allBody.GetArrayLength().Should().Be(2);
        all.Headers.GetValues("X-Total-Count").Should().Equal("2");
        allBody[0].GetProperty("identity").GetProperty("id").GetGuid().Should().Be(identity);
        inactive.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(second.Session.Id);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Sessions().ListByIdentityAsync(identity)).Should().BeEmpty();
        (await _host.Sessions().GetAsync(someoneElse.Session.Id)).Active.Should().BeTrue();
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        againBody.ShouldBeKratosError(404);
    }
}
