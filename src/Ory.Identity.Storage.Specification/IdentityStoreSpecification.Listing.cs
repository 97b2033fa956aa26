
namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>Reads every keyset page of <paramref name="query"/> (with <paramref name="pageSize"/>) and returns their ids in order.</summary>
    protected async Task<List<Guid>> ReadAllPagesAsync(IdentityStoreQuery query, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = new List<Guid>();
        var after = Guid.Empty;
        while (true)
        {
            var page = await Store.ListAsync(query with { After = after, Limit = pageSize }, Ct);
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            if (page.Count == 0)
            {
                return ids;
            }

            ids.AddRange(page.Select(i => i.Id));
            after = page[^1].Id;
        }
    }

    /// <summary>Random (UUIDv4) ids, so that insertion order differs from <see cref="GuidOrder"/>.</summary>
    protected async Task<List<Identity>> InsertRandomIdsAsync(int count, Guid? organizationId = null)
    {
        var identities = new List<Identity>();
        for (var i = 0; i < count; i++)
        {
            identities.Add(await InsertNewAsync(Guid.NewGuid(), organizationId));
        }

        return identities;
    }

    private static List<Guid> InGuidOrder(IEnumerable<Identity> identities) =>
        identities.Select(i => i.Id).Order(GuidOrder.Instance).ToList();

    /// <summary>Pages of every size cover all identities exactly once, in <see cref="GuidOrder"/> (UUID byte order).</summary>
    [ConformanceCase(1)]
    [ConformanceCase(2)]
    [ConformanceCase(3)]
    [ConformanceCase(7)]
    [ConformanceCase(24)]
    [ConformanceCase(25)]
    [ConformanceCase(26)]
    [ConformanceCase(500)]
    public async Task List_pages_of_any_size_cover_every_identity_once_in_guid_order(int pageSize)
    {
        var identities = await InsertRandomIdsAsync(25);

        var ids = await ReadAllPagesAsync(new IdentityStoreQuery { Limit = pageSize }, pageSize);

        ids.Should().Equal(InGuidOrder(identities));
    }

    /// <summary>An empty store lists nothing.</summary>
    [ConformanceCase]
    public async Task List_of_an_empty_store_is_empty()
    {
        (await Store.ListAsync(new IdentityStoreQuery { Limit = 10 }, Ct)).Should().BeEmpty();
    }

    /// <summary>The cursor need not be a stored id: the page starts after it in <see cref="GuidOrder"/>.</summary>
    [ConformanceCase]
    public async Task List_after_an_unknown_cursor_starts_after_it()
    {
        var identities = await InsertRandomIdsAsync(20);
        var cursor = Guid.NewGuid();

        var page = await Store.ListAsync(new IdentityStoreQuery { After = cursor, Limit = 100 }, Ct);

        page.Select(i => i.Id).Should().Equal(InGuidOrder(identities).Where(id => GuidOrder.Instance.Compare(id, cursor) > 0));
    }

    /// <summary>Inserts between pages, before and after the cursor, never duplicate or skip identities stored before.</summary>
    [ConformanceCase]
    public async Task List_with_inserts_between_pages_never_duplicates_or_skips_stored_identities()
    {
        var existing = await InsertRandomIdsAsync(30);
        var seen = new List<Guid>();
        var after = Guid.Empty;
        while (true)
        {
            var page = await Store.ListAsync(new IdentityStoreQuery { After = after, Limit = 4 }, Ct);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(i => i.Id));
            after = page[^1].Id;
            await InsertNewAsync(NewIdSortingBefore(after));
            await InsertNewAsync(Guid.NewGuid());
        }

        seen.Should().OnlyHaveUniqueItems();
        seen.Should().BeInAscendingOrder(GuidOrder.Instance);
        seen.Should().Contain(existing.Select(i => i.Id));
    }

    private static Guid NewIdSortingBefore(Guid cursor)
    {
        while (true)
        {
            var id = Guid.NewGuid();
            if (GuidOrder.Instance.Compare(id, cursor) < 0 || cursor == Guid.Empty)
            {
                return id;
            }
        }
    }

    /// <summary>The ids filter returns only those ids (unknown ones ignored), paged in keyset order.</summary>
    [ConformanceCase]
    public async Task List_filtered_by_ids_returns_only_those_in_keyset_pages()
    {
        var identities = await InsertRandomIdsAsync(12);
        var wanted = identities.Where((_, i) => i % 2 == 0).ToList();
        var query = new IdentityStoreQuery { Limit = 1, Ids = [.. wanted.Select(i => i.Id), Guid.NewGuid()] };

        var ids = await ReadAllPagesAsync(query, 2);

        ids.Should().Equal(InGuidOrder(wanted));
    }

    /// <summary>The identifiers filter matches exact identifiers of any credential type.</summary>
    [ConformanceCase]
    public async Task List_filtered_by_credentials_identifiers_matches_exact_identifiers_of_any_type()
    {
        var identities = await InsertRandomIdsAsync(6);
        var byPassword = identities[1];
        var email = byPassword.Credentials[CredentialsType.Password].Identifiers[0];
        var byOidc = IdentityStoreTestData.NewIdentity(id: Guid.NewGuid()).WithCredential(CredentialsType.Oidc, "google:77");
        await Store.InsertAsync(byOidc, Ct);
        var query = new IdentityStoreQuery
        {
            Limit = 1,
            CredentialsIdentifiers = [email, "google:77", email.ToUpperInvariant(), "google:7", "nobody@example.org"],
        };

        var ids = await ReadAllPagesAsync(query, 1);

        ids.Should().Equal(InGuidOrder([byPassword, byOidc]));
    }

    /// <summary>
    /// A single identifier (the common lookup) pages like any query: found once, not again after its own id, not once
    /// deleted, and not when another filter set with it excludes it.
    /// </summary>
    [ConformanceCase]
    public async Task List_by_one_identifier_honours_the_cursor_deletes_and_the_other_filters()
    {
        await InsertRandomIdsAsync(3);
        var target = await InsertNewAsync(Guid.NewGuid(), Guid.NewGuid());
        var email = target.Credentials[CredentialsType.Password].Identifiers[0];
        var query = new IdentityStoreQuery { Limit = 2, CredentialsIdentifiers = [email] };

        (await Store.ListAsync(query, Ct)).Select(i => i.Id).Should().Equal(target.Id);
        (await Store.ListAsync(query with { After = target.Id }, Ct)).Should().BeEmpty();
        (await Store.ListAsync(query with { OrganizationId = Guid.NewGuid() }, Ct)).Should().BeEmpty();
        (await Store.ListAsync(query with { OrganizationId = target.OrganizationId }, Ct)).Select(i => i.Id).Should().Equal(target.Id);

        await Store.DeleteAsync(target.Id, Ct);
        (await Store.ListAsync(query, Ct)).Should().BeEmpty();
    }

    /// <summary>The prefix filter matches identifiers of any credential type that start with it (ordinal, case-sensitive).</summary>
    [ConformanceCase]
    public async Task List_filtered_by_credentials_identifier_prefix_matches_ordinally_across_types()
    {
        await InsertRandomIdsAsync(5);
        var prefix = "pfx-" + Guid.NewGuid().ToString("N")[..8];
        var first = IdentityStoreTestData.NewIdentity(prefix + "-a@example.org", id: Guid.NewGuid());
        var second = IdentityStoreTestData.NewIdentity(id: Guid.NewGuid()).WithCredential(CredentialsType.Oidc, prefix + ":subject");
        var third = IdentityStoreTestData.NewIdentity(prefix + "-b@example.org", id: Guid.NewGuid());
        var upper = IdentityStoreTestData.NewIdentity(prefix.ToUpperInvariant() + "-c@example.org", id: Guid.NewGuid());
        await InsertAllAsync([first, second, third, upper]);

        var ids = await ReadAllPagesAsync(new IdentityStoreQuery { Limit = 1, CredentialsIdentifierPrefix = prefix }, 2);

        ids.Should().Equal(InGuidOrder([first, second, third]));
    }

    /// <summary>The organization filter returns only that organization's identities.</summary>
    [ConformanceCase]
    public async Task List_filtered_by_organization_returns_only_its_members()
    {
        var organization = Guid.NewGuid();
        await InsertRandomIdsAsync(5);
        var members = await InsertRandomIdsAsync(7, organization);
        await InsertRandomIdsAsync(3, Guid.NewGuid());

        var ids = await ReadAllPagesAsync(new IdentityStoreQuery { Limit = 1, OrganizationId = organization }, 3);

        ids.Should().Equal(InGuidOrder(members));
    }

    /// <summary>The schema id filter returns only that schema's identities (exact, case-sensitive), and combines with the others.</summary>
    [ConformanceCase]
    public async Task List_filtered_by_schema_id_returns_only_that_schemas_identities()
    {
        var organization = Guid.NewGuid();
        await InsertRandomIdsAsync(4);
        var machines = new List<Identity>();
        for (var i = 0; i < 6; i++)
        {
            var machine = IdentityStoreTestData.NewIdentity($"svc-{Guid.NewGuid():N}@example.org", id: Guid.NewGuid(), organizationId: i % 2 == 0 ? organization : null)
                with { SchemaId = "service" };
            await Store.InsertAsync(machine, Ct);
            machines.Add(machine);
        }

        await Store.InsertAsync(IdentityStoreTestData.NewIdentity($"svc-{Guid.NewGuid():N}@example.org", id: Guid.NewGuid()) with { SchemaId = "Service" }, Ct);

        (await ReadAllPagesAsync(new IdentityStoreQuery { Limit = 1, SchemaId = "service" }, 4)).Should().Equal(InGuidOrder(machines));
        (await ReadAllPagesAsync(new IdentityStoreQuery { Limit = 2, SchemaId = "service", OrganizationId = organization }, 2))
            .Should().Equal(InGuidOrder(machines.Where(m => m.OrganizationId == organization)));
        (await Store.ListAsync(new IdentityStoreQuery { Limit = 10, SchemaId = "none" }, Ct)).Should().BeEmpty();
    }
}
