using Npgsql;
using Ory.Identity.Storage.PostgreSql.Tests;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// A database of its own on the benchmarks' PostgreSQL server (the one in <c>ORY_IDENTITY_TEST_POSTGRES</c> when set,
/// otherwise a throwaway server with PostgreSQL's default durability, see <c>PostgresServer.Durability.cs</c>), created
/// empty and dropped on <see cref="Dispose"/>.
/// </summary>
internal sealed class PostgreSqlBenchmarkDatabase : IDisposable
{
    private readonly string _name;

    /// <summary>Creates the database <c>ory_identity_bench_&lt;process id&gt;_&lt;suffix&gt;</c>.</summary>
    public PostgreSqlBenchmarkDatabase(string suffix)
    {
        _name = $"ory_identity_bench_{Environment.ProcessId}_{suffix}";
        Admin($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary><c>VACUUM ANALYZE</c> and a <c>CHECKPOINT</c> after a seed, instead of autovacuum and the checkpointer
    /// doing it while the first benchmark measures.</summary>
    public void Settle()
    {
        using var connection = DataSource.OpenConnection();
        foreach (var sql in new[] { "VACUUM ANALYZE", "CHECKPOINT" })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 300;
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        DataSource.Dispose();
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {_name}");
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
