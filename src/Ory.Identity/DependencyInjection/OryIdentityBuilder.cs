using Microsoft.Extensions.DependencyInjection;
using NodaTime;

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

    /// <summary>Uses this clock for every timestamp and expiry (tests pass a <c>NodaTime.Testing.FakeClock</c>).</summary>
    /// <param name="clock">The clock.</param>
    public OryIdentityBuilder UseClock(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Services.Configure<OryIdentityClockOptions>(o => o.Clock = clock);
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
