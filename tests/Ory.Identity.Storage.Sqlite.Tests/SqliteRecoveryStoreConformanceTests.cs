using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the recovery store conformance kit against <see cref="SqliteRecoveryStore"/>, each test on a fresh database file.</summary>
public sealed class SqliteRecoveryStoreConformanceTests : RecoveryStoreSpecification
{
    private readonly TempDatabase _database = new();

    protected override IRecoveryStore CreateStore() => new SqliteRecoveryStore(_database.Options());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Delete();
    }
}
