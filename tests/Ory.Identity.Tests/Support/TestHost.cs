using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Storage;

namespace Ory.Identity.Tests.Support;

/// <summary>A service provider with Ory.Identity on the in-memory store, a fake clock and Kratos's test schemas.</summary>
internal sealed class TestHost : IDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 27, 10, 0, 0);

    private readonly ServiceProvider _provider;

    public TestHost(string defaultSchema = "quickstart-email-password", Action<OryIdentityBuilder>? configure = null)
    {
        Clock = new FakeClock(Start);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        var builder = services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false; // tests never reach the network
            })
            .AddSchema("default", SchemaUrl(defaultSchema))
            .UseClock(Clock)
            .UseInMemoryStorage();
        configure?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Manager = _provider.GetRequiredService<IIdentityManager>();
        Store = _provider.GetRequiredService<IIdentityStore>();
    }

    public FakeClock Clock { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IIdentityManager Manager { get; }

    public IIdentityStore Store { get; }

    public IServiceProvider Services => _provider;

    public static string SchemaPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", name + ".schema.json");

    public static string SchemaUrl(string name) => "file://" + SchemaPath(name);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static CreateIdentityRequest Create(string traitsJson, string? schemaId = null) =>
        new() { SchemaId = schemaId, Traits = Json(traitsJson) };

    public async Task<long> CountAsync() => await Store.CountAsync();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
