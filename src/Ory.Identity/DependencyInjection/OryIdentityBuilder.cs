using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// Configures Ory.Identity after <see cref="OryIdentityServiceCollectionExtensions.AddOryIdentity(IServiceCollection)"/>:
/// schemas, clock and storage (<c>UseInMemoryStorage()</c>, …). Storage packages add their <c>UseXStorage</c>
/// extension methods on this type.
/// </summary>
public sealed class OryIdentityBuilder
{
    /// <summary>Creates a builder over a service collection (storage packages and tests; hosts call AddOryIdentity).</summary>
    /// <param name="services">The host's services.</param>
    public OryIdentityBuilder(IServiceCollection services)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
    }

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers an identity schema by id, loaded from <paramref name="url"/>: <c>file://path</c>,
    /// <c>base64://&lt;base64 of the JSON&gt;</c>, or the JSON text itself (as <c>identity.schemas[]</c> in kratos.yml).
    /// </summary>
    /// <param name="id">The schema id identities refer to.</param>
    /// <param name="url">Where to load the schema from.</param>
    public OryIdentityBuilder AddSchema(string id, string url) => AddSchema(id, url, IdentitySchemaKind.Person);

    /// <summary>Registers an identity schema of the given kind (e.g. <see cref="IdentitySchemaKind.Machine"/> for service accounts).</summary>
    /// <param name="id">The schema id identities refer to.</param>
    /// <param name="url">Where to load the schema from: <c>file://path</c>, <c>base64://…</c>, or the JSON text.</param>
    /// <param name="kind">People or machines.</param>
    public OryIdentityBuilder AddSchema(string id, string url, IdentitySchemaKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identity schema kind.");
        }

        return Configure(options => options.Identity.Schemas.Add(new IdentitySchemaOptions { Id = id, Url = url, Kind = kind }));
    }

    /// <summary>
    /// Registers a machine schema (service accounts): its identities have no passwords, addresses or recovery and
    /// authenticate with API keys. Same sources as <see cref="AddSchema(string, string)"/>.
    /// </summary>
    /// <param name="id">The schema id identities refer to.</param>
    /// <param name="url">Where to load the schema from: <c>file://path</c>, <c>base64://…</c>, or the JSON text.</param>
    public OryIdentityBuilder AddMachineSchema(string id, string url) => AddSchema(id, url, IdentitySchemaKind.Machine);

    /// <summary>Registers an identity schema by id from its JSON text.</summary>
    /// <param name="id">The schema id identities refer to.</param>
    /// <param name="schemaJson">The schema's JSON text.</param>
    public OryIdentityBuilder AddSchemaJson(string id, string schemaJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        if (!schemaJson.TrimStart().StartsWith('{'))
        {
            throw new ArgumentException("The schema JSON must be a JSON object.", nameof(schemaJson));
        }

        return AddSchema(id, schemaJson);
    }

    /// <summary>
    /// Uses this clock for every timestamp and expiry (tests pass a <c>NodaTime.Testing.FakeClock</c>). The last of
    /// <see cref="UseClock"/> and <see cref="UseTimeProvider"/> wins.
    /// </summary>
    /// <param name="clock">The clock.</param>
    public OryIdentityBuilder UseClock(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Services.Configure<OryIdentityClockOptions>(o => o.Clock = clock);
        return this;
    }

    /// <summary>
    /// Uses this <see cref="TimeProvider"/> for every timestamp and expiry, as <see cref="UseClock"/> does with a NodaTime
    /// clock (tests pass a <c>Microsoft.Extensions.Time.Testing.FakeTimeProvider</c>). The last of the two calls wins.
    /// </summary>
    /// <param name="timeProvider">The time provider; its <see cref="TimeProvider.GetUtcNow"/> is read on each use.</param>
    public OryIdentityBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return UseClock(new TimeProviderClock(timeProvider));
    }

    /// <summary>
    /// Chooses the storage: the last choice wins. When the previous choice was another storage, every service it
    /// registered through this method (stores, databases, health checks, option setups) is removed first, so nothing of
    /// it runs or resolves; calling it again for the same storage adds to it. Storage packages call this from their
    /// <c>Use…Storage()</c> methods; services registered directly on <see cref="Services"/> are left alone.
    /// </summary>
    /// <param name="storageName">Names the storage, e.g. <c>"sqlite"</c>.</param>
    /// <param name="register">Registers the storage's services (<see cref="IIdentityStore"/>, … with <c>TryAdd</c>).</param>
    /// <returns>The same builder, for chaining.</returns>
    public OryIdentityBuilder UseStorage(string storageName, Action<IServiceCollection> register)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        ArgumentNullException.ThrowIfNull(register);
        var current = StorageRegistration.Find(Services);
        if (current is null || current.StorageName != storageName)
        {
            if (current is not null)
            {
                foreach (var descriptor in current.Descriptors)
                {
                    Services.Remove(descriptor);
                }

                Services.Remove(Services.First(d => d.ImplementationInstance == current));
            }

            current = new StorageRegistration(storageName);
            Services.AddSingleton(current);
        }

        var before = new HashSet<ServiceDescriptor>(Services, ReferenceEqualityComparer.Instance);
        register(Services);

        // Open generics (IOptions<>, … from AddOptions) are shared infrastructure, never the storage's own.
        current.Descriptors.AddRange(Services.Where(d => !before.Contains(d) && !d.ServiceType.IsGenericTypeDefinition));
        return this;
    }

    /// <summary>Changes options in code, after configuration binding.</summary>
    /// <param name="configure">The change.</param>
    public OryIdentityBuilder Configure(Action<OryIdentityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
