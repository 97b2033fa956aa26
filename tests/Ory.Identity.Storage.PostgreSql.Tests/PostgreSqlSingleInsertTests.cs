using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// <see cref="PostgreSqlIdentityStore.InsertAsync"/> writes an identity with one prepared statement committed on its own,
/// beyond what the conformance kit checks: the rows it writes are the rows the batch path writes for the same identity,
/// and the statement is prepared once per connection.
/// </summary>
public sealed class PostgreSqlSingleInsertTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>Every column of the identity's rows and of its values' rows, as text, in a fixed order.</summary>
    private const string StoredRows =
        "SELECT 'identity', id::text, schema_id, state, coalesce(external_id, '-'), coalesce(organization_id::text, '-'), " +
        "document::text, created_at::text || ' ' || updated_at::text FROM identities " +
        "UNION ALL SELECT 'credential', identity_id::text, type, identifier, '', '', '', '' FROM identity_credential_identifiers " +
        "UNION ALL SELECT 'verifiable', identity_id::text, via, value, '', '', '', '' FROM identity_verifiable_addresses " +
        "UNION ALL SELECT 'recovery', identity_id::text, via, value, '', '', '', '' FROM identity_recovery_addresses " +
        "ORDER BY 1, 2, 3, 4";

    [PostgresFact]
    public async Task Insert_writes_the_same_rows_as_the_batch_path()
    {
        var identities = new[]
        {
            IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId(), organizationId: Guid.CreateVersion7())
                .WithCredential(CredentialsType.Code, IdentityStoreTestData.NewEmail(), IdentityStoreTestData.NewEmail()),
            IdentityStoreTestData.NewIdentity(),
            IdentityStoreTestData.NewIdentity().WithoutCredential(CredentialsType.Password) with { VerifiableAddresses = [], RecoveryAddresses = [] },
        };
        await using var single = await database.CreateMigratedSchemaAsync();
        await using var batch = await database.CreateMigratedSchemaAsync();
        var singleStore = new PostgreSqlIdentityStore(single);
        foreach (var identity in identities)
        {
            await singleStore.InsertAsync(identity);
        }

        (await new PostgreSqlIdentityStore(batch).InsertManyAsync(identities)).Should().OnlyContain(r => r == null);

        var written = await RowsAsync(single);
        written.Should().HaveCount(3 + 4 + 2 + 2, "three identities, four identifiers, two addresses of each kind");
        written.Should().Equal(await RowsAsync(batch));
    }

    [PostgresFact]
    public async Task Insert_is_prepared_once_on_the_connection_and_reused_by_later_creates()
    {
        await using var migrated = await database.CreateMigratedSchemaAsync();
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(migrated.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var store = new PostgreSqlIdentityStore(dataSource);

        for (var i = 0; i < 3; i++)
        {
            await store.InsertAsync(IdentityStoreTestData.NewIdentity());
        }

        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH credential_identifiers AS (INSERT%'), " +
            "(SELECT count(*) FROM identities)");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetInt64(0).Should().Be(1, "the insert is prepared once and reused by later creates");
        reader.GetInt64(1).Should().Be(3, "every create committed");
    }

    [PostgresFact]
    public async Task A_stored_id_is_reported_as_such_even_when_its_values_are_held_by_another_identity()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var owner = IdentityStoreTestData.NewIdentity();
        var other = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(owner);
        await store.InsertAsync(other);

        var act = async () => await store.InsertAsync(IdentityStoreTestData.NewIdentity(email: Email(other), id: owner.Id));

        var thrown = (await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("An identity with this id is already stored*")).Which;
        (thrown.InnerException is null or PostgresException { ConstraintName: "identities_pkey" })
            .Should().BeTrue("only the id's own violation may ride along: another's detail quotes the other identity's email");
        (await store.CountAsync()).Should().Be(2);
        (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, Email(other)))!.Id.Should().Be(other.Id);
    }

    private static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;

    private static async Task<List<string>> RowsAsync(NpgsqlDataSource dataSource)
    {
        var rows = new List<string>();
        await using var command = dataSource.CreateCommand(StoredRows);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }
}
