using System.Net;
using System.Text.Json;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

public sealed class AdminIdentityApiTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_seed_requests_create_an_identity_and_a_12h_recovery_link()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/identities")
        {
            Content = HttpTestHost.RawJson("""{"schema_id":"default","traits":{"email":"foo@ory.sh"}}"""),
        };
        var created = await _host.Client.SendAsync(create);
        var identity = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = identity.GetProperty("id").GetGuid();
        id.Should().NotBe(Guid.Empty);
        created.Headers.Location!.ToString().Should().Be($"http://127.0.0.1:4434/identities/{id}");
        created.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        identity.GetProperty("schema_id").GetString().Should().Be("default");
        identity.GetProperty("traits").GetRawText().Should().Be("""{"email":"foo@ory.sh"}""");
        identity.GetProperty("state").GetString().Should().Be("active");

        using var link = new HttpRequestMessage(HttpMethod.Post, "/recovery/link")
        {
            Content = HttpTestHost.RawJson($$"""{"identity_id":"{{id}}","expires_in":"12h"}"""),
        };
        var issued = await _host.Client.SendAsync(link);
        var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;

        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("recovery_link", "expires_at");
        body.GetProperty("recovery_link").GetString().Should().MatchRegex("^http://127\\.0\\.0\\.1:4455/self-service/recovery\\?flow=[0-9a-f-]{36}&token=[A-Za-z0-9]{32}$");
        body.GetProperty("expires_at").GetString().Should().Be("2026-11-27T22:00:00Z");
    }

    [Fact]
    public async Task Create_under_admin_answers_201_and_a_duplicate_409()
    {
        var (first, _) = await _host.PostAsync("/admin/identities", """{"traits":{"email":"dup@ory.sh"}}""");
        first.StatusCode.Should().Be(HttpStatusCode.Created);

        var (second, error) = await _host.PostAsync("/admin/identities", """{"traits":{"email":"DUP@ory.sh"}}""");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        error.ShouldBeKratosError(409, reason: "This identity conflicts with another identity that already exists.");
    }

    [Fact]
    public async Task Create_refuses_unknown_fields_and_schema_violations_with_400()
    {
        var (unknown, body) = await _host.PostAsync("/admin/identities", """{"schema_url":"x","traits":{"email":"a@ory.sh"}}""");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: "json: unknown field \"schema_url\"");

        var (invalid, body2) = await _host.PostAsync("/admin/identities", """{"traits":{"email":"a@ory.sh","bar":1}}""");
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400);

        var (schema, body3) = await _host.PostAsync("/admin/identities", """{"schema_id":"nope","traits":{}}""");
        schema.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body3.ShouldBeKratosError(400, reason: "Unable to find JSON Schema ID: nope");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Get_answers_200_404_and_404_for_an_invalid_uuid()
    {
        var id = await _host.CreateIdentityAsync("get@ory.sh");
        foreach (var path in new[] { $"/admin/identities/{id}", $"/identities/{id}" })
        {
            var (ok, identity) = await _host.GetAsync(path);
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            identity.GetProperty("id").GetGuid().Should().Be(id);
        }

        var (missing, body) = await _host.GetAsync($"/admin/identities/{Guid.NewGuid()}");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);

        var (invalid, body2) = await _host.GetAsync("/admin/identities/does-not-exist");
        invalid.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body2.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task Get_with_include_credential_validates_the_value()
    {
        var id = await _host.CreateIdentityAsync("cred@ory.sh");
        var (ok, _) = await _host.GetAsync($"/admin/identities/{id}?include_credential=password&include_credential=oidc");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);

        var (bad, body) = await _host.GetAsync($"/admin/identities/{id}?include_credential=nope");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Invalid value `nope` for parameter `include_credential`.");
    }

    [Fact]
    public async Task Get_by_external_id_answers_200_404_and_400_when_empty()
    {
        var id = await _host.CreateIdentityAsync("ext@ory.sh", externalId: "crm-42");
        var (ok, identity) = await _host.GetAsync("/admin/identities/by/external/crm-42");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        identity.GetProperty("id").GetGuid().Should().Be(id);
        identity.GetProperty("external_id").GetString().Should().Be("crm-42");

        var (missing, body) = await _host.GetAsync("/admin/identities/by/external/crm-43");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);

        var (empty, body2) = await _host.GetAsync("/admin/identities/by/external/");
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400, reason: "The external ID must not be empty.");
    }

    [Fact]
    public async Task Put_replaces_and_answers_200_404_and_400_for_empty_or_non_json_bodies()
    {
        var id = await _host.CreateIdentityAsync("put@ory.sh");
        var (ok, identity) = await _host.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", HttpTestHost.RawJson("""{"traits":{"email":"put2@ory.sh"},"state":"inactive"}"""));
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        identity.GetProperty("traits").GetProperty("email").GetString().Should().Be("put2@ory.sh");
        identity.GetProperty("state").GetString().Should().Be("inactive");

        var (missing, body) = await _host.SendAsync(HttpMethod.Put, $"/admin/identities/{Guid.NewGuid()}", HttpTestHost.RawJson("""{"traits":{"email":"x@ory.sh"}}"""));
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);

        var (empty, body2) = await _host.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", HttpTestHost.RawJson(string.Empty));
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400, reason: "Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero.");

        var (text, body3) = await _host.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", HttpTestHost.RawJson("""{"traits":{}}""", "text/plain"));
        text.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body3.ShouldBeKratosError(400, reason: "HTTP PUT Request used unknown HTTP Header \"Content-Type: text/plain\", only [application/json] are supported.");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Patch_applies_a_json_patch_and_refuses_empty_bodies_and_other_operations()
    {
        var id = await _host.CreateIdentityAsync("patch@ory.sh");
        var (ok, identity) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson("""[{"op":"replace","path":"/metadata_public","value":{"plan":"pro"}}]"""));
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        identity.GetProperty("metadata_public").GetProperty("plan").GetString().Should().Be("pro");

        var (empty, body) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson(string.Empty));
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "failed to unmarshal JSON patch", message: "unexpected end of JSON input");

        var (move, body2) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson("""[{"op":"move","from":"/traits/email","path":"/traits/x"}]"""));
        move.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body2.ShouldBeKratosError(400);

        var (denied, body3) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson("""[{"op":"replace","path":"/id","value":"x"}]"""));
        denied.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body3.ShouldBeKratosError(400, reason: "failed to apply JSON patch");

        var (missing, body4) = await _host.SendAsync(HttpMethod.Patch, $"/identities/{Guid.NewGuid()}", HttpTestHost.RawJson("""[{"op":"replace","path":"/state","value":"inactive"}]"""));
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body4.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task Delete_answers_204_with_an_empty_body_then_404()
    {
        var id = await _host.CreateIdentityAsync("delete@ory.sh");
        var deleted = await _host.Client.DeleteAsync($"/admin/identities/{id}");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await deleted.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        var (again, body) = await _host.SendAsync(HttpMethod.Delete, $"/identities/{id}");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task Delete_credentials_answers_kratos_errors()
    {
        var id = await _host.CreateIdentityAsync("creds@ory.sh");
        var (none, body) = await _host.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/credentials/totp");
        none.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);

        var (missing, body3) = await _host.SendAsync(HttpMethod.Delete, $"/admin/identities/not-a-uuid/credentials/password");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body3.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_generic_500_without_details_and_is_logged()
    {
        await using var host = await HttpTestHost.StartAsync(services: s =>
            s.AddSingletonDecorator());
        var id = Guid.NewGuid();
        var (response, body) = await host.GetAsync($"/admin/identities/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        body.ShouldBeKratosError(500, message: "An internal server error occurred, please contact the system administrator");
        body.GetRawText().Should().NotContain("s3cr3t");
        host.Logs.Lines.Should().Contain(l => l.Contains("[3001]", StringComparison.Ordinal)
            && l.Contains("InvalidOperationException", StringComparison.Ordinal)
            && l.Contains("/admin/identities/{id}", StringComparison.Ordinal));
        host.Logs.Lines.Should().NotContain(l => l.Contains("s3cr3t", StringComparison.Ordinal));
        host.Logs.Lines.Should().NotContain(l => l.Contains(id.ToString(), StringComparison.Ordinal), "the route pattern stands in for the path");
    }
}
