using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// The batch path's own SQL (binary COPY of the accepted items, one probe per value for what is already held), beyond
/// what the conformance kit checks.
/// </summary>
public sealed class PostgreSqlBatchWriteTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task InsertMany_writes_the_columns_the_filters_read_and_leaves_absent_values_null()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var organization = Guid.CreateVersion7();
        var both = IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId(), organizationId: organization);
        var organizationOnly = IdentityStoreTestData.NewIdentity(organizationId: organization);
        var neither = IdentityStoreTestData.NewIdentity();

        (await store.InsertManyAsync([both, organizationOnly, neither])).Should().OnlyContain(r => r == null);

        var members = await store.ListAsync(new IdentityStoreQuery { Limit = 10, OrganizationId = organization });
        members.Select(i => i.Id).Should().BeEquivalentTo([both.Id, organizationOnly.Id]);
        (await store.GetByExternalIdAsync(both.ExternalId!))!.Id.Should().Be(both.Id);
        await using var nulls = dataSource.CreateCommand(
            "SELECT count(*) FROM identities WHERE external_id IS NULL AND (organization_id IS NULL) = (id = $1)");
        nulls.Parameters.AddWithValue(neither.Id);
        (await nulls.ExecuteScalarAsync()).Should().Be(2L);
    }

    [PostgresFact]
    public async Task InsertMany_refuses_a_held_identifier_only_for_the_type_that_holds_it()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var shared = IdentityStoreTestData.NewEmail();
        await store.InsertAsync(IdentityStoreTestData.NewIdentity().WithCredential(CredentialsType.Code, shared));
        var samePasswordIdentifier = IdentityStoreTestData.NewIdentity(email: shared);
        var sameCodeIdentifier = IdentityStoreTestData.NewIdentity().WithCredential(CredentialsType.Code, shared);

        var results = await store.InsertManyAsync([samePasswordIdentifier, sameCodeIdentifier]);

        results[0].Should().BeNull();
        results[1].Should().Be(new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, CredentialsType.Code.Value, shared));
        (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, shared))!.Id.Should().Be(samePasswordIdentifier.Id);
    }

    [PostgresFact]
    public async Task InsertMany_copies_first_until_a_batch_meets_a_held_value_and_again_after_a_clean_batch()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var held = IdentityStoreTestData.NewIdentity();
        (await store.InsertManyAsync([held])).Should().OnlyContain(r => r == null);
        store.CopiesFirst.Should().BeTrue();

        // Copied first, the batch meets the held email: it is rolled back and decided again with the pre-check.
        var clash = IdentityStoreTestData.NewIdentity(email: Email(held));
        var fresh = IdentityStoreTestData.NewIdentity();
        var results = await store.InsertManyAsync([fresh, clash]);

        results[0].Should().BeNull();
        results[1].Should().Be(new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, CredentialsType.Password.Value, Email(held)));
        store.CopiesFirst.Should().BeFalse();
        (await store.CountAsync()).Should().Be(2);
        (await store.GetAsync(clash.Id)).Should().BeNull();

        (await store.InsertManyAsync([IdentityStoreTestData.NewIdentity()])).Should().OnlyContain(r => r == null);
        store.CopiesFirst.Should().BeTrue("the pre-check found the last batch free of conflicts");
    }

    [PostgresFact]
    public async Task InsertMany_copied_first_refuses_a_stored_id_and_writes_nothing()
    {
        await using var dataSource = await database.CreateMigratedSchemaAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var stored = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(stored);
        var fresh = IdentityStoreTestData.NewIdentity();

        var act = async () => await store.InsertManyAsync([fresh, IdentityStoreTestData.NewIdentity(id: stored.Id)]);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already stored*");
        (await store.GetAsync(fresh.Id)).Should().BeNull();
        (await store.CountAsync()).Should().Be(1);
    }

    private static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;
}
