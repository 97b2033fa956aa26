using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Ory.Identity.Storage;
using Ory.Identity.Storage.PostgreSql;

namespace Ory.Identity;

/// <summary>Registers the PostgreSQL stores on an <see cref="OryIdentityBuilder"/>.</summary>
public static class PostgreSqlStorageBuilderExtensions
{
    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in PostgreSQL (or CockroachDB):
    /// <see cref="PostgreSqlIdentityStore"/> (one singleton shared by <see cref="IIdentityStore"/>),
    /// <see cref="PostgreSqlRecoveryStore"/> (<see cref="IRecoveryStore"/>), <see cref="PostgreSqlSessionStore"/>
    /// (<see cref="ISessionStore"/>), <see cref="PostgreSqlSelfServiceFlowStore"/> (<see cref="ISelfServiceFlowStore"/>) and <see cref="PostgreSqlStorageHealthCheck"/>. The data source is built from the
    /// connection string, owned by the container and disposed with it. Pending migrations are applied before the first
    /// store call unless <see cref="PostgreSqlStorageOptions.MigrateOnStart"/> is turned off. The last
    /// <c>Use…Storage()</c> wins: a later call for another storage removes all of these (see
    /// <see cref="OryIdentityBuilder.UseStorage"/>). A store registered directly on the services before the call is kept.
    /// Report the database's health with <c>AddHealthChecks().AddOryIdentityStorage()</c>.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Changes the other options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UsePostgreSqlStorage(
        this OryIdentityBuilder builder,
        string connectionString,
        Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStorage(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in PostgreSQL (or CockroachDB) through a data source the host built and
    /// owns; otherwise as <see cref="UsePostgreSqlStorage(OryIdentityBuilder, string, Action{PostgreSqlStorageOptions}?)"/>.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="dataSource">The data source; the host disposes it.</param>
    /// <param name="configure">Changes the other options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UsePostgreSqlStorage(
        this OryIdentityBuilder builder,
        NpgsqlDataSource dataSource,
        Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSqlStorage(options =>
        {
            options.DataSource = dataSource;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in PostgreSQL (or CockroachDB), configured by <paramref name="configure"/>
    /// (a connection string or a data source must be set). Safe to call several times; the options add up.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UsePostgreSqlStorage(this OryIdentityBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStorage("postgresql", services =>
        {
            services.AddOptions<PostgreSqlStorageOptions>().Configure(configure);
            services.TryAddSingleton(sp => PostgreSqlStorage.Create(sp.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value));
            services.TryAddSingleton(sp => new PostgreSqlIdentityStore(sp.GetRequiredService<PostgreSqlStorage>()));
            services.TryAddSingleton<IIdentityStore>(sp => sp.GetRequiredService<PostgreSqlIdentityStore>());
            services.TryAddSingleton(sp => new PostgreSqlRecoveryStore(sp.GetRequiredService<PostgreSqlStorage>()));
            services.TryAddSingleton<IRecoveryStore>(sp => sp.GetRequiredService<PostgreSqlRecoveryStore>());
            services.TryAddSingleton(sp => new PostgreSqlSessionStore(sp.GetRequiredService<PostgreSqlStorage>()));
            services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<PostgreSqlSessionStore>());
            services.TryAddSingleton(sp => new PostgreSqlSelfServiceFlowStore(sp.GetRequiredService<PostgreSqlStorage>()));
            services.TryAddSingleton<ISelfServiceFlowStore>(sp => sp.GetRequiredService<PostgreSqlSelfServiceFlowStore>());
            services.TryAddSingleton(sp => new PostgreSqlStorageHealthCheck(sp.GetRequiredService<PostgreSqlStorage>()));
            services.TryAddKeyedSingleton<IHealthCheck>(
                OryIdentityHealthChecksBuilderExtensions.StorageHealthCheckKey,
                (sp, _) => sp.GetRequiredService<PostgreSqlStorageHealthCheck>());
        });
    }
}
