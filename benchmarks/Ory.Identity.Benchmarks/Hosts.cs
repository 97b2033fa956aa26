using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;

namespace Ory.Identity.Benchmarks;

/// <summary>Ory.Identity (on the in-memory store unless told otherwise) with Kratos's quickstart email/password schema as "default".</summary>
internal sealed class OryHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public OryHost()
        : this(static builder => builder.UseInMemoryStorage())
    {
    }

    /// <summary>Ory.Identity on the store <paramref name="useStorage"/> registers.</summary>
    public OryHost(Action<OryIdentityBuilder> useStorage)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity().AddSchema("default", "file://" + SchemaPath);
        useStorage(builder);
        _provider = services.BuildServiceProvider();
        Manager = _provider.GetRequiredService<IIdentityManager>();
        Store = _provider.GetRequiredService<IIdentityStore>();
        Registry = _provider.GetRequiredService<IdentitySchemaRegistry>();
        Schema = Registry.Find("default") ?? throw new InvalidOperationException("The default schema is not registered.");
    }

    public static string SchemaPath { get; } = Path.Combine(AppContext.BaseDirectory, "identity.schema.json");

    public IIdentityManager Manager { get; }

    public IIdentityStore Store { get; }

    public IdentitySchemaRegistry Registry { get; }

    public IdentitySchema Schema { get; }

    public static JsonElement Traits(string email) =>
        JsonDocument.Parse($$"""{"email":"{{email}}"}""").RootElement.Clone();

    public static CreateIdentityRequest Request(string email) => new() { Traits = Traits(email) };

    /// <summary>A create request importing an existing password hash.</summary>
    public static CreateIdentityRequest ImportRequest(string email, string hash) => OryIdentityJson.Deserialize<CreateIdentityRequest>(
        "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + hash + "\"}}}}");

    public void Dispose() => _provider.Dispose();
}

/// <summary>ASP.NET Core Identity's UserManager over <see cref="DictionaryUserStore"/>, with unique emails required.</summary>
internal sealed class UserManagerHost : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public UserManagerHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<DictionaryUserStore>();
        services.AddIdentityCore<IdentityUser>(o => o.User.RequireUniqueEmail = true);
        services.AddScoped<IUserStore<IdentityUser>>(sp => sp.GetRequiredService<DictionaryUserStore>());
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateScope();
        Users = _scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Store = _provider.GetRequiredService<DictionaryUserStore>();
    }

    public UserManager<IdentityUser> Users { get; }

    public DictionaryUserStore Store { get; }

    public static IdentityUser User(string email) => new() { UserName = email, Email = email };

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}

internal static class Emails
{
    private static long s_next;

    /// <summary>Fresh, never used addresses: user&lt;N&gt;@example.com.</summary>
    public static string[] Fresh(int count)
    {
        var emails = new string[count];
        for (var i = 0; i < count; i++)
        {
            emails[i] = $"user{Interlocked.Increment(ref s_next)}@example.com";
        }

        return emails;
    }

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark setup check failed: " + what);
        }
    }
}
