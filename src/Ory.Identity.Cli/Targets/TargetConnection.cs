using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// An open target: the library with the SQLite or PostgreSQL stores (migrations applied on first use), or an admin API
/// client. Disposing it closes the stores.
/// </summary>
internal sealed class TargetConnection : IAsyncDisposable
{
    private readonly ServiceProvider? _services;
    private readonly AdminApiClient? _api;

    private TargetConnection(ServiceProvider? services, AdminApiClient? api)
    {
        _services = services;
        _api = api;
        Importer = api is not null ? new AdminApiImportTarget(api) : new LibraryImportTarget(Identities!, IdentityRestorer.Create(services!));
        Catalog = api is not null ? new AdminApiIdentities(api) : new LibraryIdentityCatalog(Identities!);
    }

    /// <summary>Writes batches to the target.</summary>
    public IImportTarget Importer { get; }

    /// <summary>Reads and deletes the target's identities (<c>export</c>, <c>identities</c>).</summary>
    public IIdentityCatalog Catalog { get; }

    /// <summary>The library's manager when the target is a store; null for an admin API.</summary>
    public IIdentityManager? Identities => _services?.GetRequiredService<IIdentityManager>();

    /// <summary>The admin API client when the target is an endpoint; null for a store.</summary>
    public AdminApiClient? Api => _api;

    /// <summary>Opens the target the options name.</summary>
    /// <exception cref="TargetUnavailableException">No target, more than one, or a configuration the library refuses.</exception>
    public static TargetConnection Open(TargetOptions options)
    {
        var chosen = new[] { options.InMemory, options.Sqlite is not null, options.Postgres is not null, options.Endpoint is not null }.Count(c => c);
        if (chosen != 1)
        {
            throw new TargetUnavailableException("Name exactly one target: --sqlite <file>, --postgres \"<connection string>\" or --endpoint <admin base URL>.");
        }

        if (options.Endpoint is not null)
        {
            return new TargetConnection(null, new AdminApiClient(options.Endpoint));
        }

        var configuration = LibraryConfiguration.Build(options);
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity(configuration);
        if (options.InMemory)
        {
            builder.UseInMemoryStorage();
        }
        else if (options.Sqlite is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Sqlite));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            builder.UseSqliteStorage($"Data Source={Path.GetFullPath(options.Sqlite)}");
        }
        else
        {
            builder.UsePostgreSqlStorage(options.Postgres!);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            return new TargetConnection(provider, null);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            provider.Dispose();
            throw new TargetUnavailableException("The configuration is not valid: " + string.Join(" ", e.Failures), e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }

        _api?.Dispose();
    }
}
