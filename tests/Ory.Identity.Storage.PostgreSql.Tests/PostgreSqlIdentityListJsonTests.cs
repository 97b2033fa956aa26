using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the list-as-JSON differential test of the conformance kit over the PostgreSQL stores, on a fresh schema.</summary>
public sealed class PostgreSqlIdentityListJsonTests(PostgresDatabase database) : IdentityListJsonSpecification, IClassFixture<PostgresDatabase>
{
    protected override async Task UseStorageAsync(OryIdentityBuilder builder) =>
        builder.UsePostgreSqlStorage(await database.CreateSchemaConnectionStringAsync());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
