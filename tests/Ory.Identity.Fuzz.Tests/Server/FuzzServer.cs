using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.Fuzz.Tests.Server;

/// <summary>
/// The QuickStart (samples/Ory.Identity.QuickStart, its own Program and appsettings.json) on a real Kestrel, with its
/// admin and public listeners on free loopback ports, on one store. The only additions are test-side: the
/// <see cref="AppMarker"/>, no log output (500s would print stack traces by the hundred), and API key usage kept in
/// memory for the run so that no background write changes the store between two snapshots.
/// </summary>
public sealed class FuzzServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;

    private FuzzServer(FuzzStore store, Dictionary<string, string> settings)
    {
        Store = store;
        AdminPort = FreePort();
        PublicPort = FreePort();
        _settings = new Dictionary<string, string>(settings)
        {
            ["Kestrel:Endpoints:Admin:Url"] = $"http://127.0.0.1:{AdminPort}",
            ["Kestrel:Endpoints:Public:Url"] = $"http://127.0.0.1:{PublicPort}",
            ["Kestrel:Endpoints:Ui:Url"] = $"http://127.0.0.1:{FreePort()}",
            ["Ory:serve:admin:base_url"] = $"http://127.0.0.1:{AdminPort}/",
            ["Ory:serve:public:base_url"] = $"http://127.0.0.1:{PublicPort}/",
            ["Ory:api_keys:last_used_at_interval"] = "8760h",

            // Password submissions must never reach the network (the breached-password range API).
            ["Ory:selfservice:methods:password:config:haveibeenpwned_enabled"] = "false",
        };
        UseKestrel();
    }

    /// <summary>The store the server runs on.</summary>
    public FuzzStore Store { get; }

    /// <summary>The admin API's port.</summary>
    public int AdminPort { get; }

    /// <summary>The public API's port.</summary>
    public int PublicPort { get; }

    /// <summary>Starts the QuickStart on <paramref name="store"/>; <paramref name="postgres"/> is the connection string for PostgreSQL.</summary>
    public static FuzzServer Start(FuzzStore store, string? sqliteFile = null, string? postgres = null)
    {
        var settings = store switch
        {
            FuzzStore.InMemory => new Dictionary<string, string> { ["storage"] = "inmemory" },
            FuzzStore.Sqlite => new Dictionary<string, string> { ["storage"] = "sqlite", ["sqlite"] = sqliteFile ?? throw new ArgumentNullException(nameof(sqliteFile)) },
            _ => new Dictionary<string, string> { ["storage"] = "postgres", ["postgres"] = postgres ?? throw new ArgumentNullException(nameof(postgres)) },
        };
        var server = new FuzzServer(store, settings);
        server.StartServer();
        return server;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, AppMarker>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
