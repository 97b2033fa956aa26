using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.Cli.Tests;

/// <summary>
/// A foreign server on a real Kestrel port (127.0.0.1, free port) answering <c>PATCH /admin/identities</c> with what the
/// test says, given the patch ids the tool sent: a Kratos look-alike that replies wrongly.
/// </summary>
internal sealed class StubAdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubAdminApi(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts a stub whose reply to a batch is <paramref name="reply"/> (status, content type, body) of the patch ids sent.</summary>
    public static async Task<StubAdminApi> StartAsync(Func<IReadOnlyList<string>, (int Status, string ContentType, string Body)> reply)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapMethods("/admin/identities", ["PATCH"], async context =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var patchIds = request.RootElement.GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("patch_id").GetString()!).ToList();
            var (status, contentType, body) = reply(patchIds);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StubAdminApi(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
