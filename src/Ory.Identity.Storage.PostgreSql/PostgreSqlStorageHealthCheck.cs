using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// Reports whether the PostgreSQL stores can work: the database answers and its schema has every migration this
/// version needs. Registered (as a singleton, not yet as a check) by <c>UsePostgreSqlStorage</c>;
/// add it to the host's checks with <c>services.AddHealthChecks().AddOryIdentityStorage()</c>.
/// </summary>
public sealed class PostgreSqlStorageHealthCheck : IHealthCheck
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Checks the database of a data source.</summary>
    /// <param name="dataSource">The database.</param>
    public PostgreSqlStorageHealthCheck(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
    }

    internal PostgreSqlStorageHealthCheck(PostgreSqlStorage storage)
        : this((storage ?? throw new ArgumentNullException(nameof(storage))).DataSource)
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// Healthy when the database answers and every migration is applied; degraded when it answers but migrations are
    /// pending (with <c>MigrateOnStart</c> they are applied by the first store call); unhealthy when it does not answer.
    /// The data hold <c>schema_version</c> and <c>expected_schema_version</c>. No connection string or credential is reported.
    /// </remarks>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = PostgreSqlMigrator.Migrations[^1].Version;
        try
        {
            var applied = await PostgreSqlMigrator.GetAppliedVersionsAsync(_dataSource, cancellationToken).ConfigureAwait(false);
            var version = applied.Count == 0 ? 0 : applied[^1];
            var data = new Dictionary<string, object>
            {
                ["schema_version"] = version,
                ["expected_schema_version"] = expected,
            };
            var missing = PostgreSqlMigrator.Migrations.Count(m => !applied.Contains(m.Version));
            return missing == 0
                ? HealthCheckResult.Healthy("PostgreSQL answers and the schema is up to date.", data)
                : HealthCheckResult.Degraded($"PostgreSQL answers but {missing} migration(s) are pending.", data: data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, "PostgreSQL does not answer.", e);
        }
    }
}
