using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the self-service flow store conformance kit against <see cref="SqliteSelfServiceFlowStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteSelfServiceFlowStoreConformanceTests : SelfServiceFlowStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override ISelfServiceFlowStore CreateStore() => new SqliteSelfServiceFlowStore(_database.Options());

    protected override async Task TearDownAsync()
    {
        await base.TearDownAsync();
        _database.Delete();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
