using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

public sealed class AdminRecoveryApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;
    private Guid _id;

    public async Task InitializeAsync()
    {
        _host = await HttpTestHost.StartAsync();
        _id = await _host.CreateIdentityAsync("recover@ory.sh");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("12x", "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): 12x")]
    [InlineData("1d", "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): 1d")]
    [InlineData("0s", "Value from \"expires_in\" must be result to a future time: 0s")]
    [InlineData("-60m", "Value from \"expires_in\" must be result to a future time: -60m")]
    public async Task Link_refuses_bad_expires_in_quoting_the_raw_value(string expiresIn, string reason)
    {
        var (response, body) = await _host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{_id}}","expires_in":"{{expiresIn}}"}""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: reason);
    }

    [Fact]
    public async Task Link_defaults_to_the_configured_lifespan_and_honours_an_allowed_return_to()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.SelfService.AllowedReturnUrls = ["https://app.example.com/"]);
        var id = await host.CreateIdentityAsync("r@ory.sh");
        var (response, body) = await host.PostAsync("/admin/recovery/link?return_to=https://app.example.com/welcome", $$"""{"identity_id":"{{id}}"}""");
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("expires_at").GetString().Should().Be("2026-11-27T11:00:00Z");

        var (refused, error) = await host.PostAsync("/admin/recovery/link?return_to=https://evil.example.net/", $$"""{"identity_id":"{{id}}"}""");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.ShouldBeKratosError(400);
    }

    [Fact]
    public async Task Link_for_an_unknown_identity_is_400_and_disabled_links_are_404()
    {
        var (response, body) = await _host.PostAsync("/admin/recovery/link", $$"""{"identity_id":"{{Guid.NewGuid()}}","expires_in":"1h"}""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "The requested identity id does not exist.");

        await using var disabled = await HttpTestHost.StartAsync(o =>
        {
            o.SelfService.Methods.Link.Enabled = false;
            o.SelfService.Flows.Recovery.Use = "code";
        });
        var (off, error) = await disabled.PostAsync("/recovery/link", $$"""{"identity_id":"{{Guid.NewGuid()}}","expires_in":"bogus"}""");
        off.StatusCode.Should().Be(HttpStatusCode.NotFound);
        error.ShouldBeKratosError(404, reason: "This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.");
    }

    [Fact]
    public async Task Link_needs_a_non_empty_json_body()
    {
        var (empty, body) = await _host.SendAsync(HttpMethod.Post, "/admin/recovery/link", HttpTestHost.RawJson(string.Empty));
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero.");

        var (form, body2) = await _host.SendAsync(HttpMethod.Post, "/admin/recovery/link", new FormUrlEncodedContent([new("identity_id", _id.ToString())]));
        form.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400, reason: "HTTP POST Request used unknown HTTP Header \"Content-Type: application/x-www-form-urlencoded\", only [application/json] are supported.");
    }

    [Fact]
    public async Task Code_answers_201_with_kratos_shape()
    {
        var (response, body) = await _host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{_id}}","expires_in":"15m","flow_type":"api"}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("recovery_link", "recovery_code", "expires_at");
        body.GetProperty("recovery_code").GetString().Should().MatchRegex("^[0-9]{6}$");
        body.GetProperty("recovery_link").GetString().Should().MatchRegex("^http://127\\.0\\.0\\.1:4455/recovery\\?flow=[0-9a-f-]{36}$");
        body.GetProperty("expires_at").GetString().Should().Be("2026-11-27T10:15:00Z");
    }

    [Fact]
    public async Task Code_refuses_bad_flow_types_negative_lifespans_and_unknown_identities()
    {
        var (type, body) = await _host.PostAsync("/recovery/code", $$"""{"identity_id":"{{_id}}","flow_type":"x"}""");
        type.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Value from \"flow_type\" is not valid: \"x\"");

        var (negative, body2) = await _host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{_id}}","expires_in":"-1h"}""");
        negative.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400, reason: "Value from \"expires_in\" must result to a future time: -1h0m0s");

        var (unknown, body3) = await _host.PostAsync("/admin/recovery/code", $$"""{"identity_id":"{{Guid.NewGuid()}}"}""");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body3.ShouldBeKratosError(404, reason: "could not find identity", message: "Unable to locate the resource");
    }
}
