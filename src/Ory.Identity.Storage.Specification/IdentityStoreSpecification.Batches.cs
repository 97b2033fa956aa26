
namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>A clean batch inserts every item and reports no conflict.</summary>
    [ConformanceCase]
    public async Task InsertMany_of_a_clean_batch_inserts_every_item()
    {
        var batch = Enumerable.Range(0, 10)
            .Select(_ => IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId()))
            .ToList();

        var results = await Store.InsertManyAsync(batch, Ct);

        results.Should().HaveCount(10).And.OnlyContain(r => r == null);
        (await Store.CountAsync(Ct)).Should().Be(10);
        foreach (var identity in batch)
        {
            ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), identity);
            await ShouldStillOwnItsValuesAsync(identity);
        }
    }

    /// <summary>An empty batch returns an empty result.</summary>
    [ConformanceCase]
    public async Task InsertMany_of_an_empty_batch_returns_no_results()
    {
        (await Store.InsertManyAsync([], Ct)).Should().BeEmpty();
        (await Store.CountAsync(Ct)).Should().Be(0);
    }

    /// <summary>
    /// Each item is inserted or refused on its own, in order: clashes with stored identities and with earlier items of
    /// the same batch are reported at their index, and refused items leave nothing behind.
    /// </summary>
    [ConformanceCase]
    public async Task InsertMany_reports_clashes_with_the_store_and_within_the_batch_per_item()
    {
        var stored = await InsertNewAsync();
        var first = IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId());
        var (clashWithStore, storeConflict) = TakeValueOf(IdentityStoreTestData.NewIdentity(), stored, IdentityConflictKind.ExternalId);
        var second = IdentityStoreTestData.NewIdentity();
        var (clashWithFirst, batchConflict) = TakeValueOf(IdentityStoreTestData.NewIdentity(), first, IdentityConflictKind.CredentialsIdentifier);
        var third = IdentityStoreTestData.NewIdentity();

        var results = await Store.InsertManyAsync([first, clashWithStore, second, clashWithFirst, third], Ct);

        results.Should().Equal(null, storeConflict, null, batchConflict, null);
        (await Store.CountAsync(Ct)).Should().Be(4);
        foreach (var inserted in new[] { stored, first, second, third })
        {
            ShouldBeSameIdentity(await Store.GetAsync(inserted.Id, Ct), inserted);
            await ShouldStillOwnItsValuesAsync(inserted);
        }

        await ShouldOwnNothingAsync(WithoutValueOf(clashWithStore, IdentityConflictKind.ExternalId));
        await ShouldOwnNothingAsync(WithoutValueOf(clashWithFirst, IdentityConflictKind.CredentialsIdentifier));
    }
}
