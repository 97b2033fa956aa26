using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the session store conformance kit against <see cref="SqliteSessionStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteSessionStoreConformanceTests : SessionStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override ISessionStore CreateStore() => new SqliteSessionStore(_database.Options());

    protected override async Task TearDownAsync()
    {
        await base.TearDownAsync();
        _database.Delete();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
