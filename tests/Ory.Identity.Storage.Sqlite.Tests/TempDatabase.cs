using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>A fresh database file in the temp folder, deleted (with its WAL and shared-memory files) by <see cref="Delete"/>.</summary>
internal sealed class TempDatabase
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ory-identity-sqlite-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={Path}";
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteStorageOptions Options(bool migrateOnStart = true) =>
        new() { ConnectionString = ConnectionString, MigrateOnStart = migrateOnStart };

    public void Delete()
    {
        // Pooled connections keep the file open; close this database's pool only (other tests run in parallel).
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned eventually.
            }
        }
    }
}
