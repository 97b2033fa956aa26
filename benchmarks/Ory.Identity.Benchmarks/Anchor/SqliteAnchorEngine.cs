using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Benchmarks.EntityFramework;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// SQLite files in a fresh temporary directory: <c>UseSqliteStorage</c> (WAL, <c>synchronous=NORMAL</c>, its defaults)
/// beside <c>AddEntityFrameworkStores&lt;IdentityDbContext&gt;</c> on a WAL file with <c>synchronous=NORMAL</c>
/// (<see cref="SqliteSynchronousNormal"/>), as <see cref="SqliteStorageBenchmarks"/> sets up EF Core.
/// </summary>
internal sealed class SqliteAnchorEngine : AnchorEngine
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ory-identity-anchor-").FullName;

    public SqliteAnchorEngine()
    {
        using var connection = new SqliteConnection(AspNetConnectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        wal.ExecuteNonQuery();
    }

    public override string Name => "sqlite";

    private string OryConnectionString => $"Data Source={Path.Combine(_directory, "ory.db")}";

    private string AspNetConnectionString => $"Data Source={Path.Combine(_directory, "aspnet.db")}";

    public override void UseStorage(OryIdentityBuilder builder) => builder.UseSqliteStorage(OryConnectionString);

    public override void AddUserStore(IServiceCollection services, IdentityBuilder identity)
    {
        services.AddDbContext<IdentityDbContext>(o => o.UseSqlite(AspNetConnectionString).AddInterceptors(new SqliteSynchronousNormal()));
        identity.AddEntityFrameworkStores<IdentityDbContext>();
    }

    public override Func<Guid, Task<int>>? BarePage => async after =>
    {
        await using var connection = new SqliteConnection(OryConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM identities WHERE id > @after ORDER BY id LIMIT " + AnchorRuns.PageSize;
        command.Parameters.AddWithValue("@after", after.ToByteArray(bigEndian: true));
        return await AnchorRuns.ReadStringsAsync(await command.ExecuteReaderAsync());
    };

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
