using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary><c>app.UseOryIdentityErrors()</c>: every error answer without a body gets Kratos's JSON error.</summary>
public sealed class ErrorBodyTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(
        services: s =>
        {
            s.AddAuthentication().AddOryApiKey();
            s.AddAuthorization();
        },
        map: app =>
        {
            app.UseOryIdentityErrors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/machines-only", () => "hello")
                .RequireAuthorization(p => p.AddAuthenticationSchemes(OryApiKeyDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            app.MapGet("/host/forbidden", context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            });
            app.MapGet("/host/own-error", () => Results.Json(new { problem = "mine" }, statusCode: StatusCodes.Status409Conflict));
            app.MapGet("/host/opted-out", context =>
            {
                context.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
            app.MapGet("/host/throws", IResult () => throw new InvalidOperationException("a message with s3cr3t data"));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task No_route_is_kratos_404()
    {
        var (response, body) = await _host.GetAsync("/no/such/route");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var error = body.ShouldBeKratosError(404, message: "The requested resource could not be found");
        error.GetProperty("status").GetString().Should().Be("Not Found");
    }

    [Fact]
    public async Task A_wrong_method_is_405_with_allow_kept()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Put, "/admin/identities", HttpTestHost.RawJson("{}"));
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain(["GET", "POST", "PATCH"]);
        var error = body.ShouldBeKratosError(405, message: "Method Not Allowed");
        error.GetProperty("status").GetString().Should().Be("Method Not Allowed");
    }

    [Fact]
    public async Task The_api_key_challenge_is_kratos_401_with_its_header()
    {
        var (response, body) = await _host.GetAsync("/machines-only");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\"");
        body.ShouldBeKratosError(401, message: "The request could not be authorized");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/machines-only");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ory_ak_not-a-real-key");
        var refused = await _host.Client.SendAsync(request);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"ory\", error=\"invalid_token\"");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("\"code\":401");
    }

    [Fact]
    public async Task A_bare_status_from_the_host_gets_the_body_too()
    {
        var (response, body) = await _host.GetAsync("/host/forbidden");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        body.ShouldBeKratosError(403, message: "The requested action was forbidden");
    }

    [Fact]
    public async Task A_body_the_host_wrote_is_left_alone()
    {
        var (response, body) = await _host.GetAsync("/host/own-error");
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        body.GetRawText().Should().Be("""{"problem":"mine"}""");
    }

    [Fact]
    public async Task An_endpoint_can_opt_out()
    {
        var response = await _host.Client.GetAsync("/host/opted-out");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_head_request_gets_no_body()
    {
        var response = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no/such/route"));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unhandled_exception_is_kratos_500_logged_without_its_message()
    {
        var (response, body) = await _host.GetAsync("/host/throws");
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        body.ShouldBeKratosError(500, message: "An internal server error occurred, please contact the system administrator");
        _host.Logs.Lines.Should().Contain(l => l.Contains("[3001]", StringComparison.Ordinal) && l.Contains("System.InvalidOperationException", StringComparison.Ordinal));
        _host.Logs.Lines.Should().NotContain(l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_call_a_host_keeps_its_empty_404()
    {
        await using var plain = await HttpTestHost.StartAsync();
        var response = await plain.Client.GetAsync("/no/such/route");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }
}
