using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// The QuickStart sample on real Kestrel listeners, on three free loopback ports: admin API, public API and the
/// self-service UI. Every URL of its appsettings.json that points at 127.0.0.1:4434, :4433 or :4455 (base URLs, ui_urls,
/// the link's base_url, return URLs, the Kestrel endpoints) is rewritten to the free ports, so the link the admin API
/// returns opens in a browser exactly as it would for a person. The breached-password check is off (no network).
/// </summary>
internal sealed class QuickStartServer : IDisposable
{
    private readonly Factory _factory;
    private readonly string? _sqliteFolder;

    private QuickStartServer(Factory factory, string? sqliteFolder, int adminPort, int publicPort, int uiPort)
    {
        _factory = factory;
        _sqliteFolder = sqliteFolder;
        AdminUrl = new Uri($"http://127.0.0.1:{adminPort}");
        PublicUrl = new Uri($"http://127.0.0.1:{publicPort}");
        UiUrl = new Uri($"http://127.0.0.1:{uiPort}");
        Admin = new HttpClient { BaseAddress = AdminUrl };
    }

    /// <summary>The admin API's origin.</summary>
    public Uri AdminUrl { get; }

    /// <summary>The public API's origin.</summary>
    public Uri PublicUrl { get; }

    /// <summary>The self-service UI's origin (what the invite link and the ui_urls point at).</summary>
    public Uri UiUrl { get; }

    /// <summary>A client of the admin API.</summary>
    public HttpClient Admin { get; }

    /// <summary>
    /// Starts the QuickStart on <paramref name="storage"/> (<c>sqlite</c> on a new temporary file, or <c>inmemory</c>)
    /// with the extra settings given (configuration keys, e.g. <c>Ory:courier:smtp:connection_uri</c>) and, when given,
    /// <paramref name="clock"/> as the clock Ory.Identity reads (a <c>FakeClock</c> lets a test expire a link).
    /// </summary>
    public static QuickStartServer Start(string storage, IReadOnlyDictionary<string, string>? settings = null, IClock? clock = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (adminPort, publicPort, uiPort) = (AiosmtpdServer.FreePort(), AiosmtpdServer.FreePort(), AiosmtpdServer.FreePort());
            var factory = new Factory(clock);
            var origins = new Dictionary<string, string>
            {
                ["http://127.0.0.1:4434"] = $"http://127.0.0.1:{adminPort}",
                ["http://127.0.0.1:4433"] = $"http://127.0.0.1:{publicPort}",
                ["http://127.0.0.1:4455"] = $"http://127.0.0.1:{uiPort}",
            };
            foreach (var (key, value) in QuickStartSettings())
            {
                if (origins.FirstOrDefault(o => value.StartsWith(o.Key, StringComparison.Ordinal)) is { Key: not null } origin)
                {
                    factory.Settings[key] = origin.Value + value[origin.Key.Length..];
                }
            }

            // The UI's listener, whether or not appsettings.json names it yet.
            factory.Settings["Kestrel:Endpoints:Ui:Url"] = origins["http://127.0.0.1:4455"];
            factory.Settings["Ory:selfservice:methods:password:config:haveibeenpwned_enabled"] = "false";
            factory.Settings["storage"] = storage;
            string? sqliteFolder = null;
            if (storage == "sqlite")
            {
                sqliteFolder = Directory.CreateTempSubdirectory("ory-identity-browser-").FullName;
                factory.Settings["sqlite"] = Path.Combine(sqliteFolder, "identities.db");
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                factory.Settings[key] = value;
            }

            var server = new QuickStartServer(factory, sqliteFolder, adminPort, publicPort, uiPort);
            try
            {
                factory.UseKestrel();
                factory.StartServer();
                return server;
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took a port between the check and the bind: again on new ports.
                server.Dispose();
            }
        }
    }

    /// <summary>Creates an identity with the default schema and the given email; returns its id.</summary>
    public async Task<Guid> CreateIdentityAsync(string email)
    {
        var created = await Admin.PostAsJsonAsync("/admin/identities", new { schema_id = "default", traits = new { email } });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The admin's recovery link for the identity (<c>POST /admin/recovery/link</c>), valid for <paramref name="expiresIn"/> (a Go duration).</summary>
    public async Task<string> CreateRecoveryLinkAsync(Guid id, string expiresIn)
    {
        var created = await Admin.PostAsJsonAsync("/admin/recovery/link", new { identity_id = id, expires_in = expiresIn });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recovery_link").GetString()!;
    }

    /// <summary>
    /// Sends the identity an invite (<c>POST /admin/invitations</c>, 201): the server mails the link to its recovery
    /// address; returns the link the answer names.
    /// </summary>
    public async Task<string> SendInviteAsync(Guid id)
    {
        var sent = await Admin.PostAsJsonAsync("/admin/invitations", new { identity_id = id });
        sent.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recovery_link").GetString()!;
    }

    /// <summary>The identity's stored password hash (admin API, <c>include_credential=password</c>); null when it has no password.</summary>
    public async Task<string?> PasswordHashAsync(Guid id)
    {
        var identity = await Admin.GetFromJsonAsync<JsonElement>($"/admin/identities/{id}?include_credential=password");
        return identity.TryGetProperty("credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Object
            && credentials.TryGetProperty("password", out var password) && password.TryGetProperty("config", out var config)
            && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("hashed_password", out var hash)
            && hash.GetString() is { Length: > 0 } stored
                ? stored
                : null;
    }

    /// <summary>How many active sessions the identity has (admin API).</summary>
    public async Task<int> ActiveSessionCountAsync(Guid id) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/admin/identities/{id}/sessions?active=true")).GetArrayLength();

    /// <summary>Stops the server and deletes its SQLite file.</summary>
    public void Dispose()
    {
        Admin.Dispose();
        _factory.Dispose();
        if (_sqliteFolder is not null)
        {
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }

    /// <summary>Every setting of the QuickStart's appsettings.json, as configuration keys and values.</summary>
    private static IEnumerable<KeyValuePair<string, string>> QuickStartSettings() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.QuickStart, "appsettings.json")).Build()
            .AsEnumerable()
            .Where(setting => setting.Value is not null)!;

    private sealed class Factory(IClock? clock) : WebApplicationFactory<Program>
    {
        public Dictionary<string, string> Settings { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }

            if (clock is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton(clock));
            }
        }
    }
}
