using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class SessionStoreSpecification
{
    /// <summary>An update (an extension with a second method) is returned and stored, every field of it.</summary>
    [ConformanceCase]
    public async Task Update_returns_and_stores_the_new_state()
    {
        var session = await InsertSessionAsync();
        var later = Now + Duration.FromMinutes(5);
        var expected = session with
        {
            ExpiresAt = later + SessionStoreTestData.Lifespan,
            AuthenticatedAt = later,
            AuthenticatorAssuranceLevel = AuthenticatorAssuranceLevel.Aal2,
            AuthenticationMethods = [.. session.AuthenticationMethods, SessionStoreTestData.Method("totp", later) with { Aal = AuthenticatorAssuranceLevel.Aal2 }],
            Devices = [.. session.Devices, new SessionDevice { Id = Guid.CreateVersion7(), UserAgent = "second device" }],
        };

        var returned = await Store.UpdateAsync(session.Id, current => current with
        {
            ExpiresAt = expected.ExpiresAt,
            AuthenticatedAt = expected.AuthenticatedAt,
            AuthenticatorAssuranceLevel = expected.AuthenticatorAssuranceLevel,
            AuthenticationMethods = expected.AuthenticationMethods,
            Devices = expected.Devices,
        }, Ct);

        ShouldBeSame(returned, expected);
        await ShouldBeStoredAsync(expected);
        ShouldBeSame(await Store.FindByTokenHashAsync([session.TokenHash], Ct), expected);
    }

    /// <summary>The delegate gets the stored state.</summary>
    [ConformanceCase]
    public async Task Update_passes_the_stored_state_to_the_delegate()
    {
        var session = await InsertSessionAsync();
        SessionRecord? seen = null;

        await Store.UpdateAsync(session.Id, current =>
        {
            seen = current;
            return current;
        }, Ct);

        ShouldBeSame(seen, session);
    }

    /// <summary>Updating an id nothing was stored under returns null, runs no delegate and stores nothing.</summary>
    [ConformanceCase]
    public async Task Update_of_an_unknown_session_is_null()
    {
        var unknown = Guid.NewGuid();
        var calls = 0;

        var result = await Store.UpdateAsync(unknown, current =>
        {
            calls++;
            return current;
        }, Ct);

        result.Should().BeNull();
        calls.Should().Be(0);
        (await Store.GetAsync(unknown, Ct)).Should().BeNull();
    }

    /// <summary>An update that changes the id, identity or token hash, or returns null, throws and writes nothing.</summary>
    [ConformanceCase]
    public async Task Update_changing_the_id_identity_or_token_hash_throws_and_writes_nothing()
    {
        var session = await InsertSessionAsync();
        Func<SessionRecord, SessionRecord>[] breaking =
        [
            s => s with { Id = Guid.NewGuid(), Active = false },
            s => s with { IdentityId = Guid.NewGuid(), Active = false },
            s => s with { TokenHash = RecoveryStoreTestData.NewHash(), Active = false },
            _ => null!,
        ];

        foreach (var update in breaking)
        {
            await Actions.Awaiting(async () => await Store.UpdateAsync(session.Id, update, Ct)).Should().ThrowAsync<InvalidOperationException>();
        }

        await ShouldBeStoredAsync(session);
    }

    /// <summary>An update of one session leaves the others as they were.</summary>
    [ConformanceCase]
    public async Task Update_changes_only_its_session()
    {
        var identity = Guid.CreateVersion7();
        var session = await InsertSessionAsync(identity);
        var sibling = await InsertSessionAsync(identity);

        await Store.UpdateAsync(session.Id, current => current with { Active = false }, Ct);

        await ShouldBeStoredAsync(sibling);
        (await Store.GetAsync(session.Id, Ct))!.Active.Should().BeFalse();
    }
}
