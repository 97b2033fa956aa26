using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// Brings the schema of the SQLite stores up to date. Migrations are numbered; each is applied once, in order, in one
/// <c>BEGIN IMMEDIATE</c> transaction together with its row in <c>schema_migrations</c>, so running this again (or from
/// several processes at once) applies nothing twice, and a crash leaves the schema at a whole version.
/// </summary>
public static class SqliteStorageMigrator
{
    private const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;

    /// <summary>The schema version this library works with: the number of its last migration.</summary>
    public static int LatestVersion => SqliteMigrations.Latest;

    /// <summary>
    /// Applies the migrations the database lacks (creating the file when needed) and switches it to WAL journal mode.
    /// </summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string to a database file.</param>
    /// <param name="cancellationToken">Cancels before the migration transaction commits.</param>
    /// <returns>How many migrations were applied (0 when the schema was current).</returns>
    /// <exception cref="InvalidOperationException">The database holds a newer schema than this library knows.</exception>
    public static async Task<int> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var database = new SqliteDatabase(new SqliteStorageOptions { ConnectionString = connectionString, MigrateOnStart = false });
        await using var connection = await database.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
        return await MigrateConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version of the database's schema: its last applied migration, 0 when none.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string to a database file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<int> GetVersionAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var database = new SqliteDatabase(new SqliteStorageOptions { ConnectionString = connectionString, MigrateOnStart = false });
        await using var connection = await database.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
        return await GetVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<int> MigrateConnectionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // The journal mode is a property of the file; it cannot change inside a transaction.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateMigrationsTable;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await GetVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > SqliteMigrations.Latest)
        {
            throw NewerSchema(current);
        }

        var applied = 0;
        foreach (var migration in SqliteMigrations.All)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = migration.Sql;
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
                record.Parameters.AddWithValue("@version", migration.Version);
                record.Parameters.AddWithValue("@name", migration.Name);
                record.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            applied++;
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return applied;
    }

    internal static async Task<int> GetVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        if (!exists)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    internal static InvalidOperationException NewerSchema(int version) =>
        new($"The database schema is at version {version}, newer than this library's {SqliteMigrations.Latest}; upgrade Ory.Identity.Storage.Sqlite.");
}
