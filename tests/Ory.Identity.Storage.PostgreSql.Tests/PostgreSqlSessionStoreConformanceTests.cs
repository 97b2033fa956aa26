using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the session store conformance kit against <see cref="PostgreSqlSessionStore"/>, each test on a fresh migrated schema.</summary>
public sealed class PostgreSqlSessionStoreConformanceTests(PostgresDatabase database) : SessionStoreSpecification, IClassFixture<PostgresDatabase>
{
    private NpgsqlDataSource? _dataSource;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = await database.CreateMigratedSchemaAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    protected override ISessionStore CreateStore() => new PostgreSqlSessionStore(_dataSource!);
}
