using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Ory.Identity.Benchmarks.EntityFramework;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// <see cref="StorageBenchmarks"/> on SQLite: <c>UseSqliteStorage</c> (WAL, <c>synchronous=NORMAL</c>, its defaults)
/// beside EF Core 10's SQLite provider on a WAL database with <c>synchronous=NORMAL</c>, each in a file of its own in
/// a fresh temporary directory.
/// </summary>
public class SqliteStorageBenchmarks : StorageBenchmarks
{
    private string _directory = "";

    private string OryConnectionString => $"Data Source={Path.Combine(_directory, "ory.db")}";

    protected override void CreateDatabase()
    {
        _directory = Directory.CreateTempSubdirectory("ory-identity-bench-").FullName;
        using var ef = new SqliteConnection($"Data Source={Path.Combine(_directory, "ef.db")}");
        ef.Open();
        using var wal = ef.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        wal.ExecuteNonQuery();
    }

    protected override void DropDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override void UseStorage(OryIdentityBuilder builder) => builder.UseSqliteStorage(OryConnectionString);

    protected override DbContextOptions<EfIdentityContext> EfOptions() =>
        new DbContextOptionsBuilder<EfIdentityContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "ef.db")}")
            .AddInterceptors(new SqliteSynchronousNormal())
            .Options;

    protected override async Task<string?> SelectDocumentAsync(Guid id)
    {
        await using var connection = new SqliteConnection(OryConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM identities WHERE id = @id";
        command.Parameters.AddWithValue("@id", id.ToByteArray(bigEndian: true));
        return await command.ExecuteScalarAsync() as string;
    }
}
