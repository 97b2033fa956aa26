// Ory.Identity QuickStart: Kratos's admin API on 127.0.0.1:4434, its public API on 127.0.0.1:4433 and a self-service UI
// on 127.0.0.1:4455 (recovery, settings, login, welcome, logout and error pages that talk to the public API over HTTP,
// as Kratos's reference UI does; SelfServiceUi/), configured with kratos.yml key names (appsettings.json, section "Ory"),
// and an in-memory recovery outbox, or SMTP when Ory:courier:smtp:connection_uri is set (QuickStartCourier.cs).
// Each listener's URL is overridable: --Kestrel:Endpoints:{Admin,Public,Ui}:Url=….
// Storage: --storage sqlite (default; data/identities.db under the sample's folder, survives restarts),
// --storage inmemory, or --storage postgres with --postgres "<connection string>".
// Machine identities: schema "service" (kind: machine) gets API keys through the admin API, and GET /demo/whoami on the
// public port answers only to "Authorization: Bearer <API key>".
// A demo: without SMTP recovery messages are never delivered, and the admin API has no authentication (it listens on
// the loopback interface only). Stop it with Ctrl+C or SIGTERM.
using System.Globalization;
using Ory.Identity;
using Ory.Identity.AspNetCore;
using Ory.Identity.QuickStart;
using Ory.Identity.QuickStart.SelfServiceUi;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(RequestSizeLimits.RaiseKestrelLimits);

// file:// schema paths in appsettings.json resolve against the content root, where appsettings.json is read from.
builder.Services.AddOryIdentity(builder.Configuration.GetSection(OryIdentityOptions.SectionName))
    .UseQuickStartStorage(builder.Configuration, builder.Environment.ContentRootPath)
    .UseQuickStartCourier(builder.Configuration);

var http = builder.Configuration.GetSection("OryHttp");
builder.Services.AddOryIdentityHttp(options =>
{
    if (long.TryParse(http["MaxRequestBodySize"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
    {
        options.MaxRequestBodySize = limit;
    }
});

builder.Services.AddSelfServiceUi(builder.Configuration);

builder.Services.AddAuthentication().AddOryApiKey();
builder.Services.AddAuthorization(options => options.AddPolicy("machines", policy => policy
    .AddAuthenticationSchemes(OryApiKeyDefaults.AuthenticationScheme)
    .RequireAuthenticatedUser()));

var app = builder.Build();

var adminPort = PortOf(app.Configuration["Kestrel:Endpoints:Admin:Url"], 4434);
var publicPort = PortOf(app.Configuration["Kestrel:Endpoints:Public:Url"], 4433);
var uiPort = PortOf(app.Configuration["Kestrel:Endpoints:Ui:Url"], 4455);

// Every error answer is Kratos's JSON error, also those no endpoint writes (no route, wrong method, wrong port, 401/403,
// and the request size limits below).
app.UseOryIdentityErrors();
app.Use(RequestSizeLimits.EnforceAsync);

// Each API answers only on its own listener (RequireLocalPort: the connection's local port, not the Host header): the
// admin API is never reachable through the public listener.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapOryIdentityAdminApi().RequireLocalPort(adminPort);
app.MapOryIdentityPublicApi().RequireLocalPort(publicPort);
app.MapSelfServiceUi().RequireLocalPort(uiPort);
app.MapGet("/health/alive", () => Results.Text("""{"status":"ok"}""", "application/json"));

// A demo endpoint for machine identities: who is calling, by API key.
app.MapGet("/demo/whoami", (HttpContext context) => Results.Text(DemoWhoAmI.Json(context.GetApiKeyAuthentication()!), "application/json"))
    .RequireAuthorization("machines")
    .RequireLocalPort(publicPort);

QuickStartLog.DemoOnly(app.Logger, adminPort, publicPort, uiPort);

app.Run();

static int PortOf(string? url, int fallback) =>
    Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : fallback;

/// <summary>The QuickStart's entry point (public for WebApplicationFactory tests).</summary>
public partial class Program;

/// <summary>The QuickStart's log messages.</summary>
internal static partial class QuickStartLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Ory.Identity QuickStart, for demos only: recovery messages go to an in-memory outbox and are not delivered unless Ory:courier:smtp:connection_uri is set, and the secrets in appsettings.json are public. Admin API on port {AdminPort} (no authentication), public API on port {PublicPort} (GET /demo/whoami needs an API key), self-service UI on http://127.0.0.1:{UiPort}/ (open the recovery link there).")]
    public static partial void DemoOnly(ILogger logger, int adminPort, int publicPort, int uiPort);
}
