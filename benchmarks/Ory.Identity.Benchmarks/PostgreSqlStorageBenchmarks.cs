using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ory.Identity.Benchmarks.EntityFramework;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// <see cref="StorageBenchmarks"/> on PostgreSQL: <c>UsePostgreSqlStorage</c> beside EF Core 10 with Npgsql's provider,
/// each in a database of its own on one server: the one in <c>ORY_IDENTITY_TEST_POSTGRES</c> when set, otherwise a
/// throwaway server started from the installed binaries with PostgreSQL's default durability settings.
/// </summary>
public class PostgreSqlStorageBenchmarks : StorageBenchmarks
{
    private PostgreSqlBenchmarkDatabase? _database;

    protected override void CreateDatabase() => _database = new PostgreSqlBenchmarkDatabase("storage");

    protected override void DropDatabase()
    {
        _database?.Dispose();
        _database = null;
    }

    protected override void UseStorage(OryIdentityBuilder builder) => builder.UsePostgreSqlStorage(_database!.DataSource);

    protected override DbContextOptions<EfIdentityContext> EfOptions() =>
        new DbContextOptionsBuilder<EfIdentityContext>().UseNpgsql(_database!.ConnectionString).Options;

    protected override async Task<string?> SelectDocumentAsync(Guid id)
    {
        await using var command = _database!.DataSource.CreateCommand("SELECT document FROM identities WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <inheritdoc cref="PostgreSqlBenchmarkDatabase.Settle"/>
    protected override void Settle() => _database!.Settle();
}
