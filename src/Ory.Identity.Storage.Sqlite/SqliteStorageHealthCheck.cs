using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// Reports the SQLite database healthy when a connection opens, <c>SELECT 1</c> runs and the schema is at
/// <see cref="SqliteStorageMigrator.LatestVersion"/>. Registered (as a singleton, not yet as a check) by
/// <c>UseSqliteStorage</c>; add it to the host's checks with <c>services.AddHealthChecks().AddOryIdentityStorage()</c>.
/// </summary>
/// <remarks>
/// With <see cref="SqliteStorageOptions.MigrateOnStart"/>, the first probe brings the schema up to date first, as the
/// stores' first operation would. The description never holds the connection string.
/// </remarks>
public sealed class SqliteStorageHealthCheck : IHealthCheck
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates a check of the database of <paramref name="options"/>.</summary>
    /// <param name="options">The connection string and settings.</param>
    public SqliteStorageHealthCheck(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqliteStorageHealthCheck(SqliteDatabase database)
    {
        _database = database;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_database.MigratesOnStart)
            {
                await _database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var connection = await _database.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            var version = await SqliteStorageMigrator.GetVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object>
            {
                ["schema_version"] = version,
                ["expected_schema_version"] = SqliteStorageMigrator.LatestVersion,
            };
            return version == SqliteStorageMigrator.LatestVersion
                ? HealthCheckResult.Healthy("The SQLite database answers and its schema is current.", data)
                : new HealthCheckResult(
                    context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                    $"The SQLite database schema is at version {version}, not {SqliteStorageMigrator.LatestVersion}.",
                    data: data);
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(
                context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                "The SQLite database cannot be used.",
                e);
        }
    }
}
