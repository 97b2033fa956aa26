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
    public OryIdentityBuilder AddSchema(string id, string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return Configure(options => options.Identity.Schemas.Add(new IdentitySchemaOptions { Id = id, Url = url }));
    }

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
