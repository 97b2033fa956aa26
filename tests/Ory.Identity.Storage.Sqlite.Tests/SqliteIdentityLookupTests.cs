using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>Runs the manager's lookup by credential identifier of the conformance kit over the SQLite stores, on a fresh database file.</summary>
public sealed class SqliteIdentityLookupTests : IdentityLookupSpecification, IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    protected override Task UseStorageAsync(OryIdentityBuilder builder)
    {
        builder.UseSqliteStorage(_database.ConnectionString);
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
