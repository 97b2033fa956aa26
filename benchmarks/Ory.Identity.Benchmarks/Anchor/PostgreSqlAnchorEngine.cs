using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// Two databases on the benchmarks' PostgreSQL server (<see cref="PostgreSqlBenchmarkDatabase"/>, default durability):
/// <c>UsePostgreSqlStorage</c> beside <c>AddEntityFrameworkStores&lt;IdentityDbContext&gt;</c> with Npgsql's provider.
/// Creates are also measured with 16 concurrent writers, where group commit can pay.
/// </summary>
internal sealed class PostgreSqlAnchorEngine : AnchorEngine
{
    private readonly PostgreSqlBenchmarkDatabase _ory = new("anchor_ory");
    private readonly PostgreSqlBenchmarkDatabase _aspNet = new("anchor_aspnet");

    public override string Name => "postgres";

    public override IReadOnlyList<int> CreateWriters => [1, 2, 16];

    /// <summary>Ory.Identity's database, for <see cref="PostgreSqlCreateCounts"/>.</summary>
    public PostgreSqlBenchmarkDatabase OryDatabase => _ory;

    /// <summary>ASP.NET Core Identity's database, for <see cref="PostgreSqlCreateCounts"/>.</summary>
    public PostgreSqlBenchmarkDatabase AspNetDatabase => _aspNet;

    public override void UseStorage(OryIdentityBuilder builder) => builder.UsePostgreSqlStorage(_ory.DataSource);

    public override void AddUserStore(IServiceCollection services, IdentityBuilder identity)
    {
        services.AddDbContext<IdentityDbContext>(o => o.UseNpgsql(_aspNet.ConnectionString));
        identity.AddEntityFrameworkStores<IdentityDbContext>();
    }

    public override void Settle()
    {
        _ory.Settle();
        _aspNet.Settle();
    }

    // The column the store reads (document_text, the stored document::text).
    public override Func<Guid, Task<int>>? BarePage => async after =>
    {
        await using var command = _ory.DataSource.CreateCommand("SELECT document_text FROM identities WHERE id > $1 ORDER BY id LIMIT " + AnchorRuns.PageSize);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        return await AnchorRuns.ReadStringsAsync(await command.ExecuteReaderAsync());
    };

    // Prepared, as the store's find is.
    public override Func<string, Task<int>>? BareFind => async email =>
    {
        await using var connection = await _ory.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT i.document_text FROM identities i JOIN identity_credential_identifiers c ON c.identity_id = i.id WHERE c.type = 'password' AND c.identifier = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await command.PrepareAsync();
        return await AnchorRuns.ReadStringsAsync(await command.ExecuteReaderAsync());
    };

    public override void Dispose()
    {
        _ory.Dispose();
        _aspNet.Dispose();
    }
}
