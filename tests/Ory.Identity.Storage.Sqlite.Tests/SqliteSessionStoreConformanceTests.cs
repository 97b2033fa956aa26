using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the session store conformance kit against <see cref="SqliteSessionStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteSessionStoreConformanceTests : SessionStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override ISessionStore CreateStore() => new SqliteSessionStore(_database.Options());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Delete();
    }
}
