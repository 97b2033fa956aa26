using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Ory.Identity.Storage;
using Ory.Identity.Storage.Sqlite;

namespace Ory.Identity;

/// <summary>Registers the SQLite stores on an <see cref="OryIdentityBuilder"/>.</summary>
public static class SqliteStorageBuilderExtensions
{
    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in a SQLite database file:
    /// <see cref="SqliteIdentityStore"/> (one singleton shared by <see cref="IIdentityStore"/>), <see cref="SqliteRecoveryStore"/>
    /// (<see cref="IRecoveryStore"/>), <see cref="SqliteSessionStore"/> (<see cref="ISessionStore"/>),
    /// <see cref="SqliteSelfServiceFlowStore"/> (<see cref="ISelfServiceFlowStore"/>) and <see cref="SqliteStorageHealthCheck"/>, over one database that migrates its
    /// schema before the first operation unless <see cref="SqliteStorageOptions.MigrateOnStart"/> is turned off. The last
    /// <c>Use…Storage()</c> wins: a later call for another storage removes all of these (see
    /// <see cref="OryIdentityBuilder.UseStorage"/>); called again, the options add up. A store registered directly on the
    /// services before the call is kept. Report the database's health with <c>AddHealthChecks().AddOryIdentityStorage()</c>.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=identities.db</c>.</param>
    /// <param name="configure">Changes further options; none when null.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseSqliteStorage(
        this OryIdentityBuilder builder,
        string connectionString,
        Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseSqliteStorage(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Stores identities, recovery flows, sessions and login and settings flows in a SQLite database file configured by <paramref name="configure"/> (or by
    /// options bound elsewhere, e.g. from configuration); see <see cref="UseSqliteStorage(OryIdentityBuilder, string, Action{SqliteStorageOptions}?)"/>.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseSqliteStorage(this OryIdentityBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStorage("sqlite", services =>
        {
            services.AddOptions<SqliteStorageOptions>().Configure(configure);
            services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value));
            services.TryAddSingleton(sp => new SqliteIdentityStore(sp.GetRequiredService<SqliteDatabase>()));
            services.TryAddSingleton<IIdentityStore>(sp => sp.GetRequiredService<SqliteIdentityStore>());
            services.TryAddSingleton(sp => new SqliteRecoveryStore(sp.GetRequiredService<SqliteDatabase>()));
            services.TryAddSingleton<IRecoveryStore>(sp => sp.GetRequiredService<SqliteRecoveryStore>());
            services.TryAddSingleton(sp => new SqliteSessionStore(sp.GetRequiredService<SqliteDatabase>()));
            services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<SqliteSessionStore>());
            services.TryAddSingleton(sp => new SqliteSelfServiceFlowStore(sp.GetRequiredService<SqliteDatabase>()));
            services.TryAddSingleton<ISelfServiceFlowStore>(sp => sp.GetRequiredService<SqliteSelfServiceFlowStore>());
            services.TryAddSingleton(sp => new SqliteStorageHealthCheck(sp.GetRequiredService<SqliteDatabase>()));
            services.TryAddKeyedSingleton<IHealthCheck>(
                OryIdentityHealthChecksBuilderExtensions.StorageHealthCheckKey,
                (sp, _) => sp.GetRequiredService<SqliteStorageHealthCheck>());
        });
    }
}
