using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the self-service flow store conformance kit against <see cref="PostgreSqlSelfServiceFlowStore"/>, each test on a fresh migrated schema.</summary>
public sealed class PostgreSqlSelfServiceFlowStoreConformanceTests(PostgresDatabase database) : SelfServiceFlowStoreSpecification, IClassFixture<PostgresDatabase>
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task SetUpAsync()
    {
        await base.SetUpAsync();
        _dataSource = await database.CreateMigratedSchemaAsync();
    }

    protected override async Task TearDownAsync()
    {
        await base.TearDownAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    protected override ISelfServiceFlowStore CreateStore() => new PostgreSqlSelfServiceFlowStore(_dataSource!);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
