using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>An identity's sessions come newest first (creation time, then id descending), and only its own.</summary>
    [ConformanceCase]
    public async Task ListByIdentity_returns_the_identitys_sessions_newest_first()
    {
        var identity = Guid.CreateVersion7();
        var mine = new List<SessionRecord>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a creation time, so the id decides their order.
            mine.Add(await InsertSessionAsync(identity, createdAt: SessionStoreTestData.CreatedAt + Duration.FromSeconds(i / 2)));
        }

        await InsertSessionAsync(createdAt: SessionStoreTestData.CreatedAt + Duration.FromSeconds(1));

        var listed = await Store.ListByIdentityAsync(identity, null, Now, Ct);

        Ids(listed).Should().Equal(Ids(NewestFirst(mine)));
        ShouldBeSame(listed[0], NewestFirst(mine).First());
        (await Store.ListByIdentityAsync(Guid.CreateVersion7(), null, Now, Ct)).Should().BeEmpty();
    }

    /// <summary>
    /// The active filter is "stored active and expiring after now" on the caller's clock: a session expiring at T is
    /// active at T-1µs and inactive at T; a revoked one is inactive whatever its expiry.
    /// </summary>
    [ConformanceCase]
    public async Task ListByIdentity_filters_on_active_at_the_given_now()
    {
        var identity = Guid.CreateVersion7();
        var expiry = Now + Duration.FromHours(2);
        var live = await InsertSessionAsync(identity, expiresAt: expiry + Duration.FromHours(1));
        var expiring = await InsertSessionAsync(identity, expiresAt: expiry);
        var revoked = await InsertSessionAsync(identity, active: false);

        var before = expiry - SessionStoreTestData.Microsecond;
        Ids(await Store.ListByIdentityAsync(identity, true, before, Ct)).Should().BeEquivalentTo([live.Id, expiring.Id]);
        Ids(await Store.ListByIdentityAsync(identity, false, before, Ct)).Should().Equal(revoked.Id);
        Ids(await Store.ListByIdentityAsync(identity, true, expiry, Ct)).Should().Equal(live.Id);
        Ids(await Store.ListByIdentityAsync(identity, false, expiry, Ct)).Should().BeEquivalentTo([expiring.Id, revoked.Id]);
        (await Store.ListByIdentityAsync(identity, null, expiry, Ct)).Should().HaveCount(3);
    }

    /// <summary>
    /// Walking the admin list page by page (the last item of a page as the next position) yields every session once,
    /// newest first, with ties on the creation time broken by id descending: no duplicate, no gap.
    /// </summary>
    [ConformanceCase(1)]
    [ConformanceCase(4)]
    [ConformanceCase(7)]
    [ConformanceCase(100)]
    public async Task ListAsync_pages_walk_every_session_once_newest_first(int pageSize)
    {
        var inserted = await InsertSessionsForPagingAsync();

        var walked = await WalkAsync(pageSize, null, Now);

        Ids(walked).Should().Equal(Ids(NewestFirst(inserted)));
    }

    /// <summary>The active filter applies to every page of the admin list, at the given now.</summary>
    [ConformanceCase]
    public async Task ListAsync_pages_filter_on_active_at_the_given_now()
    {
        var inserted = await InsertSessionsForPagingAsync();
        var later = Now + Duration.FromHours(30); // Some test sessions expire in between.
        static bool ActiveAt(SessionRecord s, Instant now) => s.Active && s.ExpiresAt > now;

        foreach (var now in new[] { Now, later })
        {
            Ids(await WalkAsync(3, true, now)).Should().Equal(Ids(NewestFirst(inserted.Where(s => ActiveAt(s, now)))));
            Ids(await WalkAsync(3, false, now)).Should().Equal(Ids(NewestFirst(inserted.Where(s => !ActiveAt(s, now)))));
        }
    }

    /// <summary>A page after the last session is empty; a page never holds more than asked for.</summary>
    [ConformanceCase]
    public async Task ListAsync_stops_after_the_last_session()
    {
        var inserted = await InsertSessionsForPagingAsync();
        var oldest = NewestFirst(inserted).Last();

        (await Store.ListAsync(5, new SessionKey(oldest.CreatedAt, oldest.Id), null, Now, Ct)).Should().BeEmpty();
        (await Store.ListAsync(5, null, null, Now, Ct)).Should().HaveCount(5);
    }

    /// <summary>The position need not be a stored session: the page starts at the first session after it in list order.</summary>
    [ConformanceCase]
    public async Task ListAsync_after_a_position_between_sessions_starts_at_the_next_one()
    {
        var first = await InsertSessionAsync(createdAt: SessionStoreTestData.CreatedAt + Duration.FromSeconds(2));
        var second = await InsertSessionAsync(createdAt: SessionStoreTestData.CreatedAt + Duration.FromSeconds(1));

        var page = await Store.ListAsync(10, new SessionKey(SessionStoreTestData.CreatedAt + Duration.FromSeconds(2) - SessionStoreTestData.Microsecond, Guid.Empty), null, Now, Ct);

        Ids(page).Should().Equal(second.Id);
        ShouldBeSame(page[0], second);
        Ids(await Store.ListAsync(10, new SessionKey(first.CreatedAt, first.Id), null, Now, Ct)).Should().Equal(second.Id);
    }

    // 20 sessions of three identities: creation times in groups of three (ties), some revoked, some expiring between
    // Now and Now + 30 h.
    private async Task<List<SessionRecord>> InsertSessionsForPagingAsync()
    {
        Guid[] identities = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var inserted = new List<SessionRecord>();
        for (var i = 0; i < 20; i++)
        {
            var createdAt = SessionStoreTestData.CreatedAt + Duration.FromSeconds(i / 3);
            inserted.Add(await InsertSessionAsync(
                identities[i % 3],
                createdAt,
                expiresAt: createdAt + (i % 4 == 0 ? Duration.FromHours(12) : SessionStoreTestData.Lifespan * 2),
                active: i % 5 != 0));
        }

        return inserted;
    }

    private async Task<List<SessionRecord>> WalkAsync(int pageSize, bool? active, Instant now)
    {
        var walked = new List<SessionRecord>();
        SessionKey? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Store.ListAsync(pageSize, after, active, now, Ct);
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            if (page.Count == 0)
            {
                return walked;
            }

            walked.AddRange(page);
            after = new SessionKey(page[^1].CreatedAt, page[^1].Id);
        }

        throw new InvalidOperationException("The walk did not end after 100 pages.");
    }
}
