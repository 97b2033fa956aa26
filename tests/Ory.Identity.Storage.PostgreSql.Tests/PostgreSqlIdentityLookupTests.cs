using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the manager's lookup by credential identifier of the conformance kit over the PostgreSQL stores, on a fresh schema.</summary>
public sealed class PostgreSqlIdentityLookupTests(PostgresDatabase database) : IdentityLookupSpecification, IClassFixture<PostgresDatabase>
{
    protected override async Task UseStorageAsync(OryIdentityBuilder builder) =>
        builder.UsePostgreSqlStorage(await database.CreateSchemaConnectionStringAsync());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
