using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>
/// The QuickStart as shipped (its appsettings.json: admin 4434, public 4433, UI 4455) in a test server — no port is
/// bound; the request URL's port stands for the listener — with a fake clock, the breached-password check off, every
/// log line captured, and the UI's server-side calls to the public API routed into the same test server.
/// </summary>
internal sealed class QuickStartUiHost : IDisposable
{
    public const string Admin = "http://127.0.0.1:4434";
    public const string Public = "http://127.0.0.1:4433";
    public const string Ui = "http://127.0.0.1:4455";

    // SelfServiceUi.PublicApiClient.HandlerKey in the sample.
    private const string PublicApiHandlerKey = "Ory.Identity.QuickStart.SelfServiceUi.PublicApi";

    private readonly WebApplicationFactory<Program> _app;

    public QuickStartUiHost()
    {
        var factory = new QuickStartTests.Factory();
        factory.Settings["Ory:selfservice:methods:password:config:haveibeenpwned_enabled"] = "false";
        _app = factory.WithWebHostBuilder(web => web
            .ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace))
            .ConfigureServices(services =>
            {
                services.AddSingleton<IClock>(Clock);
                services.AddKeyedSingleton<HttpMessageHandler>(PublicApiHandlerKey, (provider, _) => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());
            }));
        AdminClient = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Admin), AllowAutoRedirect = false });
    }

    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    public CapturingLoggerProvider Logs { get; } = new();

    public HttpClient AdminClient { get; }

    public InMemoryRecoveryOutbox Outbox => _app.Services.GetRequiredService<InMemoryRecoveryOutbox>();

    public IServiceProvider Services => _app.Services;

    /// <summary>A new browser with its own cookies.</summary>
    public UiBrowser Browser() => new(_app.Server.CreateHandler());

    /// <summary>Creates an identity with <paramref name="email"/> (no password) through the admin API; returns its id.</summary>
    public async Task<Guid> CreateIdentityAsync(string email)
    {
        using var created = await AdminClient.PostAsync("/admin/identities", Json($$"""{"schema_id":"default","traits":{"email":"{{email}}"} }"""));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The recovery link exactly as <c>POST /admin/recovery/link</c> returns it.</summary>
    public async Task<string> InviteLinkAsync(Guid identityId, string expiresIn = "1h")
    {
        using var issued = await AdminClient.PostAsync("/admin/recovery/link", Json($$"""{"identity_id":"{{identityId}}","expires_in":"{{expiresIn}}" }"""));
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("recovery_link").GetString()!;
    }

    /// <summary>The identity as the admin API shows it, with its password credential's configuration.</summary>
    public async Task<string> StoredIdentityAsync(Guid identityId) =>
        await AdminClient.GetStringAsync($"/admin/identities/{identityId}?include_credential=password");

    /// <summary>The identity's sessions as the admin API lists them.</summary>
    public async Task<int> SessionCountAsync(Guid identityId) =>
        JsonDocument.Parse(await AdminClient.GetStringAsync($"/admin/identities/{identityId}/sessions")).RootElement.GetArrayLength();

    public void Dispose()
    {
        AdminClient.Dispose();
        _app.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
