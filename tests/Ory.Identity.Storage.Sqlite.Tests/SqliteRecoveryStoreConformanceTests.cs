using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the recovery store conformance kit against <see cref="SqliteRecoveryStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteRecoveryStoreConformanceTests : RecoveryStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override IRecoveryStore CreateStore() => new SqliteRecoveryStore(_database.Options());

    protected override async Task TearDownAsync()
    {
        await base.TearDownAsync();
        _database.Delete();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
