using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the storage conformance kit against <see cref="SqliteIdentityStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteIdentityStoreConformanceTests : IdentityStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override IIdentityStore CreateStore() => new SqliteIdentityStore(_database.Options());

    protected override async Task TearDownAsync()
    {
        await base.TearDownAsync();
        _database.Delete();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
