using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Cli.Tests;

/// <summary>The library over a store the tool wrote to, to read back what was stored.</summary>
internal sealed class StoredIdentities : IAsyncDisposable
{
    public static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "TestData", "identity.schema.json");
    private readonly ServiceProvider _services;

    private StoredIdentities(Action<OryIdentityBuilder> useStorage)
    {
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity(o =>
        {
            o.Identity.DefaultSchemaId = "default";
            o.Identity.Schemas.Add(new IdentitySchemaOptions { Id = "default", Url = "file://" + SchemaPath });
            o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
        });
        useStorage(builder);
        _services = services.BuildServiceProvider();
    }

    public IIdentityManager Identities => _services.GetRequiredService<IIdentityManager>();

    public static StoredIdentities Sqlite(string file) => new(b => b.UseSqliteStorage($"Data Source={file}"));

    public static StoredIdentities Postgres(string connectionString) => new(b => b.UsePostgreSqlStorage(connectionString));

    public async Task<List<Identity>> AllAsync() =>
        await Identities.ListAllAsync(new IdentityListQuery { IncludeCredentials = AllCredentialTypes }).ToListAsync();

    public static readonly IReadOnlyList<CredentialsType> AllCredentialTypes =
    [
        CredentialsType.Password, CredentialsType.Oidc, CredentialsType.Saml, CredentialsType.Totp,
        CredentialsType.LookupSecret, CredentialsType.WebAuthn, CredentialsType.Passkey, CredentialsType.Code,
    ];

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
