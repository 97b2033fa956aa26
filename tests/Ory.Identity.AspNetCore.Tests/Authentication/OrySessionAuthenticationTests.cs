using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ory.Identity.AspNetCore.Tests.Sessions;
using Ory.Identity.AspNetCore.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Authentication;

/// <summary><c>AddOrySession()</c>: [Authorize] with Ory sessions, alone and beside API keys and JWT bearer.</summary>
public sealed class OrySessionAuthenticationTests : IAsyncLifetime
{
    private static readonly SymmetricSecurityKey JwtKey = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!"));

    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(
        configure: o => o.Identity.Schemas.Add(new IdentitySchemaOptions
        {
            Id = "service",
            Url = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "service-account.schema.json"),
            Kind = IdentitySchemaKind.Machine,
        }),
        services: s =>
        {
            s.AddAuthentication()
                .AddOrySession()
                .AddOryApiKey()
                .AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuer = false,
                        ValidateAudience = false,
                        IssuerSigningKey = JwtKey,
                    };
                });
            s.AddAuthorization();
        },
        map: app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/me", (ClaimsPrincipal user, HttpContext context) => Results.Ok(new Dictionary<string, string?>
            {
                ["scheme"] = user.Identity?.AuthenticationType,
                ["name"] = user.Identity?.Name,
                ["sub"] = user.FindFirstValue(ClaimTypes.NameIdentifier),
                ["session"] = user.FindFirstValue(OrySessionClaimTypes.SessionId),
                ["aal"] = user.FindFirstValue(OrySessionClaimTypes.AuthenticatorAssuranceLevel),
                ["amr"] = string.Join(",", user.FindAll(OrySessionClaimTypes.AuthenticationMethod).Select(c => c.Value)),
                ["schema"] = user.FindFirstValue(OrySessionClaimTypes.SchemaId),
                ["feature"] = context.GetOrySession()?.Id.ToString(),
            })).RequireAuthorization(p => p.AddAuthenticationSchemes(OrySessionDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            app.MapGet("/any", (ClaimsPrincipal user) => Results.Ok(user.Identity?.AuthenticationType))
                .RequireAuthorization(p => p
                    .AddAuthenticationSchemes(OrySessionDefaults.AuthenticationScheme, OryApiKeyDefaults.AuthenticationScheme, JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser());
            app.MapGet("/probe", async (HttpContext context) =>
            {
                var result = await context.AuthenticateAsync(OrySessionDefaults.AuthenticationScheme);
                return Results.Ok(result.None ? "none" : result.Succeeded ? "success" : "failure");
            });
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_session_cookie_or_token_signs_in_with_the_session_claims()
    {
        var issued = await _host.SignInAsync();

        foreach (var header in new[] { _host.SessionCookie(issued), Token(issued), Bearer(issued.Token) })
        {
            var (response, body) = await _host.SendWithAsync(HttpMethod.Get, "/me", null, header);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body.GetProperty("scheme").GetString().Should().Be("OrySession");
            body.GetProperty("name").GetString().Should().Be(issued.Session.IdentityId.ToString());
            body.GetProperty("sub").GetString().Should().Be(issued.Session.IdentityId.ToString());
            body.GetProperty("session").GetString().Should().Be(issued.Session.Id.ToString());
            body.GetProperty("aal").GetString().Should().Be("aal1");
            body.GetProperty("amr").GetString().Should().Be("password");
            body.GetProperty("schema").GetString().Should().Be("default");
            body.GetProperty("feature").GetString().Should().Be(issued.Session.Id.ToString());
        }
    }

    [Fact]
    public async Task No_or_a_revoked_session_is_challenged_with_401_and_www_authenticate()
    {
        var issued = await _host.SignInAsync();
        await _host.Sessions().RevokeAsync(issued.Session.Id);

        var (none, _) = await _host.SendWithAsync(HttpMethod.Get, "/me");
        var (revoked, _) = await _host.SendWithAsync(HttpMethod.Get, "/me", null, Token(issued));

        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\"");
        revoked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_policy_with_session_api_key_and_jwt_schemes_accepts_each_of_them()
    {
        var issued = await _host.SignInAsync();
        var (created, machine) = await _host.PostAsync("/admin/identities", """{"schema_id":"service","traits":{"name":"ci","owner":"platform@example.com"}}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var (_, key) = await _host.PostAsync($"/admin/identities/{machine.GetProperty("id").GetGuid()}/api-keys", """{"name":"deploy"}""");
        var jwt = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "jwt-user")]),
            SigningCredentials = new SigningCredentials(JwtKey, SecurityAlgorithms.HmacSha256),
        });

        var (bySession, sessionScheme) = await _host.SendWithAsync(HttpMethod.Get, "/any", null, Token(issued));
        var (byKey, keyScheme) = await _host.SendWithAsync(HttpMethod.Get, "/any", null, Bearer(key.GetProperty("secret").GetString()!));
        var (byJwt, jwtScheme) = await _host.SendWithAsync(HttpMethod.Get, "/any", null, Bearer(jwt));
        var (byNothing, _) = await _host.SendWithAsync(HttpMethod.Get, "/any");

        bySession.StatusCode.Should().Be(HttpStatusCode.OK);
        sessionScheme.GetString().Should().Be("OrySession");
        byKey.StatusCode.Should().Be(HttpStatusCode.OK);
        keyScheme.GetString().Should().Be("OryApiKey");
        byJwt.StatusCode.Should().Be(HttpStatusCode.OK);
        jwtScheme.GetString().Should().Be("AuthenticationTypes.Federation");
        byNothing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "none")]
    [InlineData("Bearer ory_ak_something", "none")]
    [InlineData("Bearer ory_st_unknownunknownunknownunknownunknownunknown1", "failure")]
    public async Task A_bearer_token_that_is_no_session_token_is_left_to_other_schemes(string authorization, string expected)
    {
        var (response, body) = await _host.SendWithAsync(HttpMethod.Get, "/probe", null, ("Authorization", authorization));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetString().Should().Be(expected);
    }
}
