using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore;

namespace Ory.Identity.Cli.Tests;

/// <summary>A Kratos-compatible admin API on a real Kestrel port (127.0.0.1, free port) over the in-memory store.</summary>
internal sealed class AdminApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApiHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IIdentityManager Identities => _app.Services.GetRequiredService<IIdentityManager>();

    public static async Task<AdminApiHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
            })
            .AddSchema("default", "file://" + StoredIdentities.SchemaPath)
            .UseInMemoryStorage();
        builder.Services.AddOryIdentityHttp();
        var app = builder.Build();
        app.MapOryIdentityAdminApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdminApiHost(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
