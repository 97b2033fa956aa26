using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Support;

/// <summary>An ASP.NET Core test server with both APIs mapped, the in-memory stores, a fake clock and the quickstart schema.</summary>
internal sealed class HttpTestHost : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 27, 10, 0, 0);

    private readonly WebApplication _app;

    private HttpTestHost(WebApplication app, FakeClock clock, CapturingLoggerProvider logs)
    {
        _app = app;
        Clock = clock;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeClock Clock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A new browser with its own cookie jar.</summary>
    public BrowserClient Browser() => new(_app.GetTestServer());

    public InMemoryRecoveryOutbox Outbox => _app.Services.GetRequiredService<InMemoryRecoveryOutbox>();

    public static async Task<HttpTestHost> StartAsync(
        Action<OryIdentityOptions>? configure = null,
        Action<OryIdentityHttpOptions>? http = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var clock = new FakeClock(Start);
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        AddTestServices(builder, clock, logs, configure, http);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapOryIdentityAdminApi();
        app.MapOryIdentityPublicApi();
        map?.Invoke(app);
        await app.StartAsync();
        return new HttpTestHost(app, clock, logs);
    }

    /// <summary>Logging into <paramref name="logs"/>, the fake clock, the quickstart schema, in-memory stores and the HTTP services.</summary>
    public static void AddTestServices(
        WebApplicationBuilder builder,
        FakeClock clock,
        CapturingLoggerProvider logs,
        Action<OryIdentityOptions>? configure = null,
        Action<OryIdentityHttpOptions>? http = null)
    {
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false; // tests never reach the network
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Flows.Recovery.Use = "link";
                o.SelfService.Flows.Recovery.UiUrl = "http://127.0.0.1:4455/recovery";
                o.SelfService.Flows.Settings.UiUrl = "http://127.0.0.1:4455/settings";
                o.SelfService.Flows.Login.UiUrl = "http://127.0.0.1:4455/login";
                o.Secrets.Cookie = ["PLEASE-CHANGE-ME-I-AM-VERY-INSECURE"];
                configure?.Invoke(o);
            })
            .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "identity.schema.json"))
            .UseClock(clock)
            .UseInMemoryStorage()
            .UseInMemoryRecoveryOutbox();
        builder.Services.AddOryIdentityHttp(http);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Content typed exactly <c>application/json</c> (no charset), as the npm client and curl send it.</summary>
    public static ByteArrayContent RawJson(string json, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    /// <summary>
    /// Asserts that a browser was forwarded to the error UI (Kratos's errorx: 303 to <c>selfservice.flows.error.ui_url?id=</c>)
    /// and reads the error as the error UI does; returns it in Kratos's envelope, <c>{"error":{…}}</c>.
    /// </summary>
    public async Task<JsonElement> ForwardedErrorAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.SeeOther);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(Ory.Identity.ErrorFlowOptions.DefaultUiUrl);
        var id = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["id"].ToString();
        var (read, stored) = await SendAsync(HttpMethod.Get, $"/self-service/errors?id={id}", accept: "application/json");
        read.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, stored.ToString());
        stored.GetProperty("id").GetString().Should().Be(id);
        return JsonDocument.Parse($$"""{"error":{{stored.GetProperty("error").GetRawText()}}}""").RootElement.Clone();
    }

    /// <summary>A native app's JSON request, with <c>X-Session-Token</c> when <paramref name="token"/> is given.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendNativeAsync(HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : RawJson(json) };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Session-Token", token);
        }

        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Sends a request built on the server's own context, so header values reach the app exactly as written.</summary>
    public Task<Microsoft.AspNetCore.Http.HttpContext> SendRawAsync(Action<Microsoft.AspNetCore.Http.HttpContext> configure) =>
        _app.GetTestServer().SendAsync(configure);

    public Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, accept: accept);

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, RawJson(json));

    public async Task<Guid> CreateIdentityAsync(string email, string? externalId = null)
    {
        var body = externalId is null
            ? $$$"""{"schema_id":"default","traits":{"email":"{{{email}}}"}}"""
            : $$$"""{"schema_id":"default","traits":{"email":"{{{email}}}"},"external_id":"{{{externalId}}}"}""";
        var (response, json) = await PostAsync("/admin/identities", body);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>Checks the server still answers normally after bad input.</summary>
    public async Task AssertHealthyAsync()
    {
        var response = await Client.GetAsync("/admin/identities?page_size=1");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class ErrorAssertions
{
    /// <summary>Asserts Kratos's error body: <c>{"error":{code,status,message,reason?}}</c>.</summary>
    public static JsonElement ShouldBeKratosError(this JsonElement body, int code, string? reason = null, string? message = null)
    {
        body.ValueKind.Should().Be(JsonValueKind.Object, "an error body is a JSON object");
        body.EnumerateObject().Select(p => p.Name).Should().Equal("error");
        var error = body.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(code);
        error.GetProperty("status").GetString().Should().NotBeNullOrEmpty();
        error.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        if (reason is not null)
        {
            error.GetProperty("reason").GetString().Should().Be(reason);
        }

        if (message is not null)
        {
            error.GetProperty("message").GetString().Should().Be(message);
        }

        var text = body.GetRawText();
        text.Should().NotContain("   at ", "no stack trace in error bodies");
        text.Should().NotContain("Exception");
        return error;
    }
}
