
namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>A session comes back from its id with every field as inserted (methods and devices in order).</summary>
    [ConformanceCase]
    public async Task Inserted_session_reads_back_unchanged()
    {
        var session = SessionStoreTestData.NewSession() with
        {
            AuthenticatorAssuranceLevel = AuthenticatorAssuranceLevel.Aal2,
            AuthenticatedAt = SessionStoreTestData.CreatedAt + SessionStoreTestData.Microsecond,
            AuthenticationMethods =
            [
                SessionStoreTestData.Method("password", SessionStoreTestData.CreatedAt),
                new SessionAuthenticationMethod
                {
                    Method = "oidc", Aal = AuthenticatorAssuranceLevel.Aal2, CompletedAt = SessionStoreTestData.During, Provider = "github",
                },
            ],
            Devices =
            [
                new SessionDevice { Id = Guid.CreateVersion7() },
                new SessionDevice { Id = Guid.CreateVersion7(), IpAddress = "2001:db8::1", UserAgent = "curl/8.5.0", Location = string.Empty },
            ],
        };
        await Store.InsertAsync(session, Ct);

        await ShouldBeStoredAsync(session);
    }

    /// <summary>An id nothing was stored under reads as null.</summary>
    [ConformanceCase]
    public async Task Get_of_an_unknown_id_is_null()
    {
        await InsertSessionAsync();

        (await Store.GetAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }

    /// <summary>The session is found by its token hash among other candidates, in any position.</summary>
    [ConformanceCase]
    public async Task FindByTokenHash_finds_the_session_whose_hash_is_any_of_the_candidates()
    {
        var session = await InsertSessionAsync();
        var other = await InsertSessionAsync();
        var unknown = RecoveryStoreTestData.NewHash();

        ShouldBeSame(await Store.FindByTokenHashAsync([session.TokenHash], Ct), session);
        ShouldBeSame(await Store.FindByTokenHashAsync([unknown, session.TokenHash], Ct), session);
        ShouldBeSame(await Store.FindByTokenHashAsync([session.TokenHash, unknown, RecoveryStoreTestData.NewHash()], Ct), session);
        ShouldBeSame(await Store.FindByTokenHashAsync([unknown, other.TokenHash], Ct), other);
    }

    /// <summary>No candidate matching, or no candidate at all, finds nothing; hashes compare exactly (case and prefix).</summary>
    [ConformanceCase]
    public async Task FindByTokenHash_without_a_matching_candidate_is_null()
    {
        var session = await InsertSessionAsync();

        (await Store.FindByTokenHashAsync([RecoveryStoreTestData.NewHash()], Ct)).Should().BeNull();
        (await Store.FindByTokenHashAsync([], Ct)).Should().BeNull();
        (await Store.FindByTokenHashAsync([session.TokenHash.ToUpperInvariant()], Ct)).Should().BeNull();
        (await Store.FindByTokenHashAsync([session.TokenHash[..^1]], Ct)).Should().BeNull();
    }

    /// <summary>A revoked or expired session is still found by its hash: whether it is usable is the manager's decision.</summary>
    [ConformanceCase]
    public async Task FindByTokenHash_returns_revoked_and_expired_sessions_as_stored()
    {
        var revoked = await InsertSessionAsync(active: false);
        var expired = await InsertSessionAsync(expiresAt: Now - SessionStoreTestData.Microsecond);

        ShouldBeSame(await Store.FindByTokenHashAsync([revoked.TokenHash], Ct), revoked);
        ShouldBeSame(await Store.FindByTokenHashAsync([expired.TokenHash], Ct), expired);
    }

    /// <summary>Inserting a stored id or token hash throws and leaves the stored session unchanged.</summary>
    [ConformanceCase]
    public async Task Inserting_a_stored_id_or_token_hash_throws_and_keeps_the_stored_session()
    {
        var session = await InsertSessionAsync();

        var sameId = SessionStoreTestData.NewSession() with { Id = session.Id };
        var sameHash = SessionStoreTestData.NewSession() with { TokenHash = session.TokenHash };
        await Actions.Awaiting(async () => await Store.InsertAsync(sameId, Ct)).Should().ThrowAsync<InvalidOperationException>();
        await Actions.Awaiting(async () => await Store.InsertAsync(sameHash, Ct)).Should().ThrowAsync<InvalidOperationException>();

        await ShouldBeStoredAsync(session);
        (await Store.GetAsync(sameHash.Id, Ct)).Should().BeNull();
        (await Store.ListByIdentityAsync(sameId.IdentityId, null, Now, Ct)).Should().BeEmpty();
    }

    /// <summary>
    /// Device texts a client controls (user agent, location) round-trip whatever they hold: control characters, a NUL,
    /// quotes and backslashes, non-BMP characters, a long value. A store must not fail on them (PostgreSQL's text and
    /// jsonb refuse a raw NUL).
    /// </summary>
    [ConformanceCase("agent\0with a NUL")]
    [ConformanceCase("\0")]
    [ConformanceCase("tab\tnewline\nbell\u0007 escape\u001b del\u007f")]
    [ConformanceCase("quote \" backslash \\ slash / <script>")]
    [ConformanceCase("emoji \U0001F600 and \u00e9\u0301 and \u202e right-to-left")]
    [ConformanceCase("\uFFFD\uFEFF")]
    public async Task Device_texts_with_odd_characters_round_trip(string text)
    {
        var session = SessionStoreTestData.NewSession() with
        {
            Devices = [new SessionDevice { Id = Guid.CreateVersion7(), UserAgent = text, Location = text, IpAddress = "198.51.100.7" }],
        };
        await Store.InsertAsync(session, Ct);

        await ShouldBeStoredAsync(session);
        ShouldBeSame(await Store.FindByTokenHashAsync([session.TokenHash], Ct), session);
    }

    /// <summary>
    /// A device text with lone UTF-16 surrogates (not Unicode; no HTTP header decodes to one, but a host may pass one) is
    /// stored without failing, and reads back either as given or with each lone surrogate as U+FFFD (as JSON writers and
    /// UTF-8 text columns store it).
    /// </summary>
    [ConformanceCase]
    public async Task Device_text_with_lone_surrogates_is_stored_as_given_or_with_replacement_characters()
    {
        var text = "lone " + (char)0xD800 + " high and " + (char)0xDC00 + " low";
        var replaced = "lone \uFFFD high and \uFFFD low";
        var session = SessionStoreTestData.NewSession() with
        {
            Devices = [new SessionDevice { Id = Guid.CreateVersion7(), UserAgent = text }],
        };
        await Store.InsertAsync(session, Ct);

        var stored = await Store.GetAsync(session.Id, Ct);

        stored!.Devices.Should().ContainSingle().Which.UserAgent.Should().BeOneOf(text, replaced);
        ShouldBeSame(stored with { Devices = session.Devices }, session);
    }

    /// <summary>A user agent of 8 KiB (a header's usual cap) round-trips.</summary>
    [ConformanceCase]
    public async Task A_long_user_agent_round_trips()
    {
        var session = SessionStoreTestData.NewSession() with
        {
            Devices = [new SessionDevice { Id = Guid.CreateVersion7(), UserAgent = new string('a', 8192) }],
        };
        await Store.InsertAsync(session, Ct);

        await ShouldBeStoredAsync(session);
    }
}
