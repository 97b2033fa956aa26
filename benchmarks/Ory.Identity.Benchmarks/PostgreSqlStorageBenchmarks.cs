using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ory.Identity.Benchmarks.EntityFramework;
using Ory.Identity.Storage.PostgreSql.Tests;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// <see cref="StorageBenchmarks"/> on PostgreSQL: <c>UsePostgreSqlStorage</c> beside EF Core 10 with Npgsql's provider,
/// each in a database of its own on one server: the one in <c>ORY_IDENTITY_TEST_POSTGRES</c> when set, otherwise a
/// throwaway server started from the installed binaries with PostgreSQL's default durability settings.
/// </summary>
public class PostgreSqlStorageBenchmarks : StorageBenchmarks
{
    private readonly string _database = $"ory_identity_bench_{Environment.ProcessId}";
    private NpgsqlDataSource? _dataSource;

    protected override void CreateDatabase()
    {
        Admin($"CREATE DATABASE {_database}");
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    protected override void DropDatabase()
    {
        _dataSource?.Dispose();
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {_database}");
    }

    protected override void UseStorage(OryIdentityBuilder builder) => builder.UsePostgreSqlStorage(_dataSource!);

    protected override DbContextOptions<EfIdentityContext> EfOptions() =>
        new DbContextOptionsBuilder<EfIdentityContext>().UseNpgsql(ConnectionString).Options;

    protected override async Task<string?> SelectDocumentAsync(Guid id)
    {
        await using var command = _dataSource!.CreateCommand("SELECT document FROM identities WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary><c>VACUUM ANALYZE</c> and a <c>CHECKPOINT</c> after the 100,000-row seed, instead of autovacuum and the
    /// checkpointer doing it while the first benchmark measures.</summary>
    protected override void Settle()
    {
        using var connection = _dataSource!.OpenConnection();
        foreach (var sql in new[] { "VACUUM ANALYZE", "CHECKPOINT" })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 300;
            command.ExecuteNonQuery();
        }
    }

    private string ConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _database }.ConnectionString;

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
