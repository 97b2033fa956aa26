using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>The update sees the stored state; its result is stored and returned.</summary>
    [ConformanceCase]
    public async Task Update_applies_the_delegate_to_the_stored_state_and_stores_the_result()
    {
        var identity = await InsertNewAsync();
        Identity? seen = null;
        var updatedAt = identity.UpdatedAt.Plus(Duration.FromMinutes(5)).PlusTicks(30);

        var returned = await Store.UpdateAsync(identity.Id, current =>
        {
            seen = current;
            return current with { State = IdentityState.Inactive, UpdatedAt = updatedAt };
        }, Ct);

        ShouldBeSameIdentity(seen, identity);
        var expected = identity with { State = IdentityState.Inactive, UpdatedAt = updatedAt };
        ShouldBeSameIdentity(returned, expected);
        ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), expected);
    }

    /// <summary>An identity keeps its own unique values across an update that does not touch them.</summary>
    [ConformanceCase]
    public async Task Update_keeping_its_own_unique_values_succeeds_and_keeps_them_indexed()
    {
        var identity = await InsertNewAsync();
        await InsertNewAsync();

        await Store.UpdateAsync(identity.Id, current => current with { SchemaId = "other" }, Ct);

        await ShouldStillOwnItsValuesAsync(identity);
        (await Store.CountAsync(Ct)).Should().Be(2);
    }

    /// <summary>Changed values are re-indexed: the new ones find the identity, the old ones find nothing and are free again.</summary>
    [ConformanceCase]
    public async Task Update_reindexes_changed_values_and_frees_the_old_ones()
    {
        var before = await InsertNewAsync();
        var newEmail = IdentityStoreTestData.NewEmail();
        var after = IdentityStoreTestData.NewIdentity(newEmail, IdentityStoreTestData.NewExternalId(), before.Id);

        await Store.UpdateAsync(before.Id, _ => after, Ct);

        await ShouldStillOwnItsValuesAsync(after);
        var oldEmail = before.Credentials[CredentialsType.Password].Identifiers[0];
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, oldEmail, Ct)).Should().BeNull();
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, oldEmail, Ct)).Should().BeNull();
        (await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, oldEmail, Ct)).Should().BeNull();
        (await Store.GetByExternalIdAsync(before.ExternalId!, Ct)).Should().BeNull();

        var reuser = IdentityStoreTestData.NewIdentity(oldEmail, before.ExternalId);
        await Store.InsertAsync(reuser, Ct);
        await ShouldStillOwnItsValuesAsync(reuser);
        await ShouldStillOwnItsValuesAsync(after);
    }

    /// <summary>An update taking another identity's unique value is refused with the clash named, and writes nothing.</summary>
    [ConformanceCase(IdentityConflictKind.CredentialsIdentifier)]
    [ConformanceCase(IdentityConflictKind.VerifiableAddress)]
    [ConformanceCase(IdentityConflictKind.RecoveryAddress)]
    [ConformanceCase(IdentityConflictKind.ExternalId)]
    public async Task Update_taking_another_identitys_unique_value_throws_conflict_and_writes_nothing(IdentityConflictKind kind)
    {
        var owner = await InsertNewAsync();
        var identity = await InsertNewAsync();
        var expected = default(IdentityConflict);

        var act = async () => await Store.UpdateAsync(identity.Id, current =>
        {
            var (taken, conflict) = TakeValueOf(current with { SchemaId = "changed" }, owner, kind);
            expected = conflict;
            return taken;
        }, Ct);

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict.Should().Be(expected);
        ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), identity);
        (await Store.CountAsync(Ct)).Should().Be(2);
        await ShouldStillOwnItsValuesAsync(owner);
        await ShouldStillOwnItsValuesAsync(identity);
    }

    /// <summary>Updating an id nobody has throws <see cref="IdentityNotFoundException"/>.</summary>
    [ConformanceCase]
    public async Task Update_of_an_unknown_id_throws_not_found()
    {
        await InsertNewAsync();

        var act = async () => await Store.UpdateAsync(Guid.NewGuid(), current => current, Ct);

        await act.Should().ThrowAsync<IdentityNotFoundException>();
        (await Store.CountAsync(Ct)).Should().Be(1);
    }

    /// <summary>An exception thrown by the update delegate propagates and nothing is written.</summary>
    [ConformanceCase]
    public async Task Update_whose_delegate_throws_propagates_and_writes_nothing()
    {
        var identity = await InsertNewAsync();

        var act = async () => await Store.UpdateAsync(identity.Id, _ => throw new FormatException("boom"), Ct);

        await act.Should().ThrowAsync<FormatException>();
        ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), identity);
        await ShouldStillOwnItsValuesAsync(identity);
    }

    /// <summary>An update that changes the id is refused and writes nothing.</summary>
    [ConformanceCase]
    public async Task Update_changing_the_id_is_refused_and_writes_nothing()
    {
        var identity = await InsertNewAsync();
        var otherId = Guid.NewGuid();

        var act = async () => await Store.UpdateAsync(identity.Id, current => current with { Id = otherId }, Ct);

        (await act.Should().ThrowAsync<Exception>())
            .Which.Should().Match(e => e is ArgumentException || e is InvalidOperationException);
        ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), identity);
        (await Store.GetAsync(otherId, Ct)).Should().BeNull();
        (await Store.CountAsync(Ct)).Should().Be(1);
    }
}
