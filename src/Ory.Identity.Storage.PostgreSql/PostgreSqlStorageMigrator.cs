using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// Applies the versioned schema of the PostgreSQL stores: each pending <see cref="PostgreSqlMigration"/> runs in its
/// own transaction, which first records its version in <c>schema_migrations</c> and then runs its statements.
/// </summary>
/// <remarks>
/// <para>
/// Safe to run from several instances at once without advisory locks (which CockroachDB lacks): the version row is
/// inserted first, so a second migrator of the same version waits on the primary key, fails with a unique violation
/// (or a serialization failure on CockroachDB) once the first commits, and then re-reads the applied versions.
/// Running it again when nothing is pending only reads <c>schema_migrations</c>.
/// </para>
/// <para>
/// Tables are created unqualified, so they go into the first schema of the connection's <c>search_path</c>
/// (<c>Search Path=…</c> in the connection string), <c>public</c> by default.
/// </para>
/// </remarks>
public static class PostgreSqlStorageMigrator
{
    private const int MaxAttempts = 10;

    /// <summary>Every migration, by version.</summary>
    public static IReadOnlyList<PostgreSqlMigration> Migrations { get; } = PostgreSqlSchema.Migrations;

    /// <summary>Applies the pending migrations and returns the versions this call applied (empty when none were pending).</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="cancellationToken">Cancels the run; a migration in progress is rolled back.</param>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var applied = new List<int>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await EnsureVersionTableAsync(connection, cancellationToken).ConfigureAwait(false);
                var done = await ReadVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
                foreach (var migration in Migrations)
                {
                    if (done.Contains(migration.Version))
                    {
                        continue;
                    }

                    await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                    applied.Add(migration.Version);
                }

                return applied;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && IsRaceWithAnotherMigrator(e))
            {
                // Another instance applied (or is applying) the same version: read the applied versions again.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The versions recorded in <c>schema_migrations</c>, ascending; empty when the table does not exist yet.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IReadOnlyList<int>> GetAppliedVersionsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var versions = await ReadVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            return [.. versions.Order()];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    private static bool IsRaceWithAnotherMigrator(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.UniqueViolation
            or PostgresErrorCodes.DuplicateTable
            or PostgresErrorCodes.DuplicateObject
            or PostgresErrorCodes.DuplicateColumn
            or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected;

    private static async Task EnsureVersionTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgreSqlSchema.CreateVersionTable, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<int>> ReadVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, PostgreSqlMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var claim = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var statement in migration.Statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
