using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Runs the NUL rule of the conformance kit over the PostgreSQL stores (whose text and jsonb cannot hold a NUL), on a fresh schema.</summary>
public sealed class PostgreSqlNulCharacterTests(PostgresDatabase database) : NulCharacterSpecification, IClassFixture<PostgresDatabase>
{
    protected override async Task UseStorageAsync(OryIdentityBuilder builder) =>
        builder.UsePostgreSqlStorage(await database.CreateSchemaConnectionStringAsync());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
