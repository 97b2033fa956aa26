using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

public sealed class ApiKeyHttpTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static Task<HttpTestHost> StartAsync(Action<Microsoft.AspNetCore.Authentication.AuthenticationBuilder>? authentication = null) =>
        HttpTestHost.StartAsync(
            configure: o => o.Identity.Schemas.Add(new IdentitySchemaOptions
            {
                Id = "service",
                Url = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "service-account.schema.json"),
                Kind = IdentitySchemaKind.Machine,
            }),
            services: s =>
            {
                var builder = s.AddAuthentication();
                (authentication ?? (b => b.AddOryApiKey())).Invoke(builder);
                s.AddAuthorization();
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/whoami", (ClaimsPrincipal user, HttpContext context) => Results.Ok(new Dictionary<string, string?>
                {
                    ["name"] = user.Identity?.Name,
                    ["identity_id"] = user.FindFirstValue(OryApiKeyClaimTypes.IdentityId),
                    ["name_identifier"] = user.FindFirstValue(ClaimTypes.NameIdentifier),
                    ["schema_id"] = user.FindFirstValue(OryApiKeyClaimTypes.SchemaId),
                    ["key_id"] = user.FindFirstValue(OryApiKeyClaimTypes.ApiKeyId),
                    ["key_name"] = user.FindFirstValue(OryApiKeyClaimTypes.ApiKeyName),
                    ["traits_name"] = context.GetApiKeyAuthentication()?.Identity?.Traits.GetProperty("name").GetString(),
                })).RequireAuthorization(policy => policy.AddAuthenticationSchemes(OryApiKeyDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            });

    private async Task<Guid> CreateServiceAccountAsync()
    {
        var (response, body) = await _host.PostAsync("/admin/identities", """{"schema_id":"service","traits":{"name":"ci","owner":"platform@example.com"}}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private async Task<(string Id, string Secret)> IssueAsync(Guid identity, string body = """{"name":"deploy","expires_in":"720h"}""")
    {
        var (response, json) = await _host.PostAsync($"/admin/identities/{identity}/api-keys", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        return (json.GetProperty("key").GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!);
    }

    private async Task<HttpResponseMessage> WhoAmIAsync(string? authorization, string header = "Authorization")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation(header, authorization);
        }

        return await _host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Issue_list_and_revoke_over_the_admin_api()
    {
        var id = await CreateServiceAccountAsync();

        var (issued, body) = await _host.PostAsync($"/admin/identities/{id}/api-keys", """{"name":"deploy","expires_in":"720h"}""");
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        issued.Headers.CacheControl!.NoStore.Should().BeTrue();
        body.EnumerateObject().Select(p => p.Name).Should().Equal("key", "secret");
        var key = body.GetProperty("key");
        key.GetRawText().Should().Be(
            $$"""{"id":"{{key.GetProperty("id").GetString()}}","identity_id":"{{id}}","name":"deploy","state":"active","created_at":"2026-11-27T10:00:00Z","expires_at":"2026-12-27T10:00:00Z"}""");
        var secret = body.GetProperty("secret").GetString()!;
        secret.Should().StartWith("ory_ak_" + key.GetProperty("id").GetString() + "_");

        var (listed, list) = await _host.GetAsync($"/admin/identities/{id}/api-keys");
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        list.GetArrayLength().Should().Be(1);
        list.GetRawText().Should().NotContain(secret[24..]).And.NotContain("hash");

        var revoked = await _host.Client.DeleteAsync($"/identities/{id}/api-keys/{key.GetProperty("id").GetString()}");
        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (_, after) = await _host.GetAsync($"/identities/{id}/api-keys");
        after[0].GetProperty("state").GetString().Should().Be("revoked");
        after[0].GetProperty("revoked_at").GetString().Should().Be("2026-11-27T10:00:00Z");

        var again = await _host.Client.DeleteAsync($"/admin/identities/{id}/api-keys/{key.GetProperty("id").GetString()}");
        again.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Unknown_keys_and_identities_are_404()
    {
        var id = await CreateServiceAccountAsync();

        var (unknownKey, body) = await _host.SendAsync(HttpMethod.Delete, $"/admin/identities/{id}/api-keys/aaaaaaaaaaaaaaaa");
        unknownKey.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404, reason: "The requested API key does not exist.");

        foreach (var identity in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            (await _host.GetAsync($"/admin/identities/{identity}/api-keys")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await _host.PostAsync($"/admin/identities/{identity}/api-keys", """{"name":"x"}""")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_person_gets_no_key_over_http()
    {
        var person = await _host.CreateIdentityAsync("person@ory.sh");

        var (response, body) = await _host.PostAsync($"/admin/identities/{person}/api-keys", """{"name":"x"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "API keys can only be issued to machine identities, and schema \"default\" is not a machine schema (identity.schemas[].kind: machine).");
    }

    public static TheoryData<string, string?, string> BadBodies => new()
    {
        { "", "application/json", "Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero." },
        { """{"name":"x"}""", "text/plain", "HTTP POST Request used unknown HTTP Header \"Content-Type: text/plain\", only [application/json] are supported." },
        { """{"name":"x","scopes":["all"]}""", "application/json", "json: unknown field \"scopes\"" },
        { """{"name":7}""", "application/json", "\"name\" must be a string." },
        { """{}""", "application/json", "\"name\" is required." },
        { """{"name":"x","expires_in":"soon"}""", "application/json", "Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): soon" },
        { """{"name":"x","expires_in":3600}""", "application/json", "\"expires_in\" must be a duration string such as \"720h\"." },
        { """{"name":"x","expires_in":"-1h"}""", "application/json", "expires_in must be a positive duration, got -1h0m0s." },
        { """{"name":""}""", "application/json", "The API key name must be 1 to 64 characters, not only spaces, without control characters." },
        { """[1]""", "application/json", "json: cannot unmarshal a non-object into the API key request body" },
        { """{"name":""", "application/json", "unexpected end of JSON input" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_issue_requests_are_400_and_store_nothing(string json, string? contentType, string text)
    {
        var id = await CreateServiceAccountAsync();

        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/admin/identities/{id}/api-keys", HttpTestHost.RawJson(json, contentType!));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = body.ShouldBeKratosError(400);
        (error.TryGetProperty("reason", out var reason) ? reason.GetString() : error.GetProperty("message").GetString()).Should().Be(text);
        (await _host.GetAsync($"/admin/identities/{id}/api-keys")).Body.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_protected_endpoint_answers_401_without_a_key_and_200_with_one()
    {
        var id = await CreateServiceAccountAsync();
        var (keyId, secret) = await IssueAsync(id);

        var anonymous = await WhoAmIAsync(null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\"");
        (await anonymous.Content.ReadAsStringAsync()).Should().BeEmpty();

        var authenticated = await WhoAmIAsync("Bearer " + secret);
        authenticated.StatusCode.Should().Be(HttpStatusCode.OK);
        var claims = JsonDocument.Parse(await authenticated.Content.ReadAsStringAsync()).RootElement;
        claims.GetProperty("name").GetString().Should().Be(id.ToString());
        claims.GetProperty("identity_id").GetString().Should().Be(id.ToString());
        claims.GetProperty("name_identifier").GetString().Should().Be(id.ToString());
        claims.GetProperty("schema_id").GetString().Should().Be("service");
        claims.GetProperty("key_id").GetString().Should().Be(keyId);
        claims.GetProperty("key_name").GetString().Should().Be("deploy");
        claims.GetProperty("traits_name").GetString().Should().Be("ci");

        (await WhoAmIAsync("bearer " + secret)).StatusCode.Should().Be(HttpStatusCode.OK, "the scheme name is case-insensitive");
    }

    [Fact]
    public async Task Revoked_tampered_and_foreign_keys_get_401_invalid_token_and_never_reach_the_logs()
    {
        var id = await CreateServiceAccountAsync();
        var (keyId, secret) = await IssueAsync(id);
        var (_, other) = await IssueAsync(id, """{"name":"other"}""");
        (await _host.Client.DeleteAsync($"/admin/identities/{id}/api-keys/{keyId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var tampered = other[..^1] + (other[^1] == 'a' ? 'b' : 'a');

        foreach (var presented in new[] { secret, tampered, other[..40], "ory_ak_" })
        {
            var response = await WhoAmIAsync("Bearer " + presented);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\", error=\"invalid_token\"");
            if (presented.Length > 7)
            {
                (await response.Content.ReadAsStringAsync()).Should().NotContain(presented[7..]);
            }
        }

        (await WhoAmIAsync("Bearer " + other)).StatusCode.Should().Be(HttpStatusCode.OK);
        var logs = string.Join('\n', _host.Logs.Lines);
        logs.Should().Contain("The API key is not valid.");
        foreach (var key in new[] { secret, other, tampered })
        {
            logs.Should().NotContain(key[24..44]);
        }
    }

    [Fact]
    public async Task Other_bearer_tokens_and_empty_headers_are_not_authenticated()
    {
        await CreateServiceAccountAsync();

        foreach (var authorization in new[] { "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "" })
        {
            var response = await WhoAmIAsync(authorization);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\"", "a token of another format is left to other schemes");
        }
    }

    [Fact]
    public async Task Only_one_space_may_follow_bearer_as_kratos_reads_bearer_tokens()
    {
        var id = await CreateServiceAccountAsync();
        var (_, secret) = await IssueAsync(id);

        // Sent on the server's context: HttpClient would normalise the header's spaces.
        async Task<HttpResponse> SendAsync(string authorization) => (await _host.SendRawAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/whoami";
            context.Request.Headers.Authorization = authorization;
        })).Response;

        foreach (var authorization in new[] { "Bearer  " + secret, "Bearer\t" + secret, "Bearer " + secret + " x", "Bearer \t" + secret })
        {
            var response = await SendAsync(authorization);
            response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized, authorization.Replace(secret, "<key>", StringComparison.Ordinal));
            response.Headers.WWWAuthenticate.ToString().Should().Be("Bearer realm=\"ory\"", "the header holds no bearer token, so no key was presented");
        }

        (await SendAsync("Bearer " + secret)).StatusCode.Should().Be(StatusCodes.Status200OK);
    }

    [Fact]
    public async Task A_configured_header_name_is_read_too()
    {
        await using var host = await StartAsync(b => b.AddOryApiKey(o => o.HeaderName = "X-API-Key"));
        var (created, account) = await host.PostAsync("/admin/identities", """{"schema_id":"service","traits":{"name":"ci","owner":"platform@example.com"}}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var (_, issued) = await host.PostAsync($"/admin/identities/{account.GetProperty("id").GetGuid()}/api-keys", """{"name":"x"}""");
        var secret = issued.GetProperty("secret").GetString()!;

        using var good = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        good.Headers.Add("X-API-Key", secret);
        (await host.Client.SendAsync(good)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var garbage = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        garbage.Headers.Add("X-API-Key", "not-a-key");
        var refused = await host.Client.SendAsync(garbage);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task Listing_filters_by_schema_id()
    {
        var machine = await CreateServiceAccountAsync();
        await _host.CreateIdentityAsync("person@ory.sh");

        var (response, body) = await _host.GetAsync("/admin/identities?schema_id=service");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(machine);
        (await _host.GetAsync("/admin/identities?schema_id=nope")).Body.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Identity_json_shows_key_ids_but_never_key_config()
    {
        var id = await CreateServiceAccountAsync();
        var (keyId, _) = await IssueAsync(id);

        var (_, identity) = await _host.GetAsync($"/admin/identities/{id}?include_credential=password");
        var credential = identity.GetProperty("credentials").GetProperty("api_key");

        credential.GetProperty("identifiers").EnumerateArray().Select(e => e.GetString()).Should().Equal(keyId);
        credential.TryGetProperty("config", out _).Should().BeFalse();
        (await _host.GetAsync($"/admin/identities/{id}?include_credential=api_key")).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_scheme_challenges_beside_another_scheme_in_one_policy()
    {
        await using var host = await HttpTestHost.StartAsync(
            services: s =>
            {
                s.AddAuthentication().AddOryApiKey().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, OtherBearerHandler>("other", null);
                s.AddAuthorization();
            },
            map: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/both", () => "ok").RequireAuthorization(p => p.AddAuthenticationSchemes(OryApiKeyDefaults.AuthenticationScheme, "other").RequireAuthenticatedUser());
            });

        var response = await host.Client.GetAsync("/both");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().BeEquivalentTo("Bearer realm=\"ory\"", "Other");
    }

    private sealed class OtherBearerHandler(
        Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder)
        : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult());

        protected override Task HandleChallengeAsync(Microsoft.AspNetCore.Authentication.AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.Append("WWW-Authenticate", "Other");
            return Task.CompletedTask;
        }
    }
}
