using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the recovery store conformance kit against <see cref="PostgreSqlRecoveryStore"/>, each test on a fresh migrated schema.</summary>
public sealed class PostgreSqlRecoveryStoreConformanceTests(PostgresDatabase database) : RecoveryStoreSpecification, IClassFixture<PostgresDatabase>
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

    protected override IRecoveryStore CreateStore() => new PostgreSqlRecoveryStore(_dataSource!);
}
