using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Hosting;

/// <summary>The host's own endpoints answer exactly <see cref="OryIdentityJson"/>'s bytes for the model.</summary>
public sealed class HostEndpointJsonTests
{
    [Theory]
    [InlineData("/mine/ok/")]
    [InlineData("/mine/typed/")]
    [InlineData("/mvc/identities/")]
    public async Task An_identity_returned_from_a_host_endpoint_is_OryIdentityJson(string route)
    {
        await using var host = await StartAsync();
        var identity = await CreateAsync(host);

        var body = await host.Client.GetStringAsync(route + identity.Id);

        body.Should().Be(OryIdentityJson.Serialize(identity));
    }

    [Fact]
    public async Task A_recovery_link_returned_from_a_host_endpoint_is_OryIdentityJson()
    {
        await using var host = await StartAsync();
        var identity = await CreateAsync(host);

        var body = await host.Client.GetStringAsync("/mine/link/" + identity.Id);
        var link = OryIdentityJson.Deserialize<RecoveryLink>(body);

        body.Should().Be(OryIdentityJson.Serialize(link));
        body.Should().Contain("\"expires_at\":\"2026-11-27T11:00:00Z\"");
    }

    private static Task<HttpTestHost> StartAsync() => HttpTestHost.StartAsync(
        services: s => s.AddControllers().AddApplicationPart(typeof(HostEndpointJsonTests).Assembly),
        map: app =>
        {
            app.MapGet("/mine/ok/{id:guid}", async (Guid id, IIdentityManager m) => Results.Ok(await m.GetAsync(id)));
            app.MapGet("/mine/typed/{id:guid}", async (Guid id, IIdentityManager m) => TypedResults.Json(await m.GetAsync(id)));
            app.MapGet("/mine/link/{id:guid}", async (Guid id, IRecoveryLinkIssuer i) => Results.Ok(await i.CreateRecoveryLinkAsync(id, Duration.FromHours(1))));
            app.MapControllers();
        });

    private static Task<Identity> CreateAsync(HttpTestHost host) =>
        host.Services.GetRequiredService<IIdentityManager>().CreateAsync(new CreateIdentityRequest
        {
            Traits = JsonDocument.Parse("""{"email":"jürgen@ory.sh"}""").RootElement,
            MetadataPublic = JsonDocument.Parse("""{"note":"<b>\"Grüße\"</b> & 'more'"}""").RootElement,
        });
}

/// <summary>An MVC controller a host could write.</summary>
[ApiController]
[Route("mvc/identities")]
public sealed class HostIdentitiesController(IIdentityManager identities) : ControllerBase
{
    /// <summary>The identity, with MVC's <c>Ok</c>.</summary>
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Get(Guid id) => Ok(await identities.GetAsync(id));
}
