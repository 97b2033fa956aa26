using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        var builder = LoopbackKestrel.CreateBuilder();
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
        return new AdminApiHost(app, await LoopbackKestrel.StartAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
