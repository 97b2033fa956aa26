using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="SqliteIdentityStore.InsertAsync"/> writes one identity without a savepoint and rolls its whole transaction
/// back on a refusal (<c>IdentityWriter.TryInsertOnlyAsync</c>); <see cref="SqliteIdentityStore.InsertManyAsync"/> with
/// a refused item writes each item under a savepoint (<c>IdentityWriter.TryInsertAsync</c>). For every kind of clash
/// both name the same conflict and leave the same rows: the database as it was before.
/// </summary>
public sealed class SqliteSingleInsertDifferentialTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Delete();

    [Fact]
    public async Task Every_clash_is_named_as_the_savepoint_path_names_it_and_leaves_the_database_unchanged()
    {
        var store = new SqliteIdentityStore(_file.Options());
        var stored = IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId());
        await store.InsertAsync(stored);
        var email = stored.Traits.GetProperty("email").GetString();
        var clashes = new[]
        {
            IdentityStoreTestData.NewIdentity(email: email), // identifier and both addresses: the identifier is named
            IdentityStoreTestData.NewIdentity(externalId: stored.ExternalId), // the identity row itself
            IdentityStoreTestData.NewIdentity(email: email, externalId: stored.ExternalId),
        };
        var before = await DumpAsync(_file);

        foreach (var clash in clashes)
        {
            var single = await store.Invoking(s => s.InsertAsync(clash).AsTask()).Should().ThrowAsync<IdentityConflictException>();
            (await DumpAsync(_file)).Should().Equal(before, "a refused insert leaves nothing");

            var batch = await store.InsertManyAsync([clash]);
            batch[0].Should().Be(single.Which.Conflict);
            (await DumpAsync(_file)).Should().Equal(before);
        }
    }

    [Fact]
    public async Task A_stored_id_is_refused_as_the_callers_error_on_both_paths_and_leaves_nothing()
    {
        var store = new SqliteIdentityStore(_file.Options());
        var stored = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(stored);
        var sameId = IdentityStoreTestData.NewIdentity(id: stored.Id);
        var before = await DumpAsync(_file);

        await store.Invoking(s => s.InsertAsync(sameId).AsTask()).Should().ThrowAsync<InvalidOperationException>();
        await store.Invoking(s => s.InsertManyAsync([sameId]).AsTask()).Should().ThrowAsync<InvalidOperationException>();
        (await DumpAsync(_file)).Should().Equal(before);
    }

    [Fact]
    public async Task A_clean_insert_stores_the_rows_the_savepoint_path_stores()
    {
        var viaBatch = new TempDatabase();
        try
        {
            var identities = Enumerable.Range(0, 5).Select(i => IdentityStoreTestData.NewIdentity(
                externalId: i % 2 == 0 ? IdentityStoreTestData.NewExternalId() : null)).ToList();
            var single = new SqliteIdentityStore(_file.Options());
            var batch = new SqliteIdentityStore(viaBatch.Options());
            foreach (var identity in identities)
            {
                await single.InsertAsync(identity);
                (await batch.InsertManyAsync([identity]))[0].Should().BeNull();
            }

            (await DumpAsync(_file)).Should().Equal(await DumpAsync(viaBatch)).And.HaveCount(5 * 4);
        }
        finally
        {
            viaBatch.Delete();
        }
    }

    private static Task<List<string>> DumpAsync(TempDatabase file) => SqliteBatchInsertDifferentialTests.DumpAsync(file);
}
