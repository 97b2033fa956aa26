using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the session store conformance kit against <see cref="PostgreSqlSessionStore"/>, each test on a fresh migrated schema.</summary>
public sealed class PostgreSqlSessionStoreConformanceTests(PostgresDatabase database) : SessionStoreSpecification, IClassFixture<PostgresDatabase>
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

    protected override ISessionStore CreateStore() => new PostgreSqlSessionStore(_dataSource!);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
