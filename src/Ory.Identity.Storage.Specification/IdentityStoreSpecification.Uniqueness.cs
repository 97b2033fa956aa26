
namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>
    /// An identity whose unique value of <paramref name="kind"/> is a new value taken by <paramref name="owner"/>
    /// (all its other unique values are its own), with the conflict a store must report.
    /// </summary>
    protected static (Identity Identity, IdentityConflict Conflict) TakeValueOf(Identity target, Identity owner, IdentityConflictKind kind)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(owner);
        switch (kind)
        {
            case IdentityConflictKind.CredentialsIdentifier:
                var identifier = owner.Credentials[CredentialsType.Password].Identifiers[0];
                return (target.WithCredential(CredentialsType.Password, identifier),
                    new IdentityConflict(kind, "password", identifier));
            case IdentityConflictKind.VerifiableAddress:
                var verifiable = owner.VerifiableAddresses[0].Value;
                return (target with { VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Email, verifiable)] },
                    new IdentityConflict(kind, "email", verifiable));
            case IdentityConflictKind.RecoveryAddress:
                var recovery = owner.RecoveryAddresses[0].Value;
                return (target with { RecoveryAddresses = [IdentityStoreTestData.RecoveryAddress(AddressVia.Email, recovery)] },
                    new IdentityConflict(kind, "email", recovery));
            case IdentityConflictKind.ExternalId:
                return (target with { ExternalId = owner.ExternalId }, new IdentityConflict(kind, null, owner.ExternalId!));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The identity without its unique values of <paramref name="kind"/>: what is left of its own values after <see cref="TakeValueOf"/>.</summary>
    protected static Identity WithoutValueOf(Identity identity, IdentityConflictKind kind)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return kind switch
        {
            IdentityConflictKind.CredentialsIdentifier => identity.WithoutCredential(CredentialsType.Password),
            IdentityConflictKind.VerifiableAddress => identity with { VerifiableAddresses = [] },
            IdentityConflictKind.RecoveryAddress => identity with { RecoveryAddresses = [] },
            IdentityConflictKind.ExternalId => identity with { ExternalId = null },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Asserts that every unique value of <paramref name="identity"/> still finds it.</summary>
    protected async Task ShouldStillOwnItsValuesAsync(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        foreach (var (type, credential) in identity.Credentials)
        {
            foreach (var identifier in credential.Identifiers)
            {
                ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(type, identifier, Ct), identity.Id);
            }
        }

        foreach (var address in identity.VerifiableAddresses)
        {
            ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Verifiable, address.Via, address.Value, Ct), identity.Id);
        }

        foreach (var address in identity.RecoveryAddresses)
        {
            ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Recovery, address.Via, address.Value, Ct), identity.Id);
        }

        if (identity.ExternalId is not null)
        {
            ShouldBeFound(await Store.GetByExternalIdAsync(identity.ExternalId, Ct), identity.Id);
        }
    }

    /// <summary>Asserts that no unique value of <paramref name="identity"/> finds anything.</summary>
    protected async Task ShouldOwnNothingAsync(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        (await Store.GetAsync(identity.Id, Ct)).Should().BeNull();
        foreach (var (type, credential) in identity.Credentials)
        {
            foreach (var identifier in credential.Identifiers)
            {
                (await Store.FindByCredentialsIdentifierAsync(type, identifier, Ct)).Should().BeNull();
            }
        }

        foreach (var address in identity.VerifiableAddresses)
        {
            (await Store.FindByAddressAsync(AddressKind.Verifiable, address.Via, address.Value, Ct)).Should().BeNull();
        }

        foreach (var address in identity.RecoveryAddresses)
        {
            (await Store.FindByAddressAsync(AddressKind.Recovery, address.Via, address.Value, Ct)).Should().BeNull();
        }

        if (identity.ExternalId is not null)
        {
            (await Store.GetByExternalIdAsync(identity.ExternalId, Ct)).Should().BeNull();
        }
    }

    /// <summary>An insert taking another identity's unique value is refused with the clash named, and writes nothing.</summary>
    [ConformanceCase(IdentityConflictKind.CredentialsIdentifier)]
    [ConformanceCase(IdentityConflictKind.VerifiableAddress)]
    [ConformanceCase(IdentityConflictKind.RecoveryAddress)]
    [ConformanceCase(IdentityConflictKind.ExternalId)]
    public async Task Insert_of_a_taken_unique_value_throws_conflict_and_writes_nothing(IdentityConflictKind kind)
    {
        var owner = await InsertNewAsync();
        var (intruder, expected) = TakeValueOf(
            IdentityStoreTestData.NewIdentity(externalId: IdentityStoreTestData.NewExternalId()), owner, kind);

        var act = async () => await Store.InsertAsync(intruder, Ct);

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict.Should().Be(expected);
        (await Store.CountAsync(Ct)).Should().Be(1);
        await ShouldStillOwnItsValuesAsync(owner);
        await ShouldOwnNothingAsync(WithoutValueOf(intruder, kind));

        // The refused insert left nothing behind, its id included: the same identity without the clash goes in.
        var retried = WithoutValueOf(intruder, kind);
        await Store.InsertAsync(retried, Ct);
        await ShouldStillOwnItsValuesAsync(retried);
        await ShouldStillOwnItsValuesAsync(owner);
    }

    /// <summary>
    /// An identity whose only unique value is a credential identifier (no addresses, no external id, as with a
    /// username schema) is refused when another identity holds that identifier, one by one and in a batch.
    /// </summary>
    [ConformanceCase]
    public async Task Insert_with_only_a_taken_identifier_throws_conflict_and_writes_nothing()
    {
        var owner = await InsertNewAsync();
        var identifier = owner.Credentials[CredentialsType.Password].Identifiers[0];
        var intruder = IdentityStoreTestData.NewIdentity(identifier) with { VerifiableAddresses = [], RecoveryAddresses = [] };
        var expected = new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, "password", identifier);

        var act = async () => await Store.InsertAsync(intruder, Ct);

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict.Should().Be(expected);
        (await Store.InsertManyAsync([intruder], Ct)).Should().Equal(expected);
        (await Store.CountAsync(Ct)).Should().Be(1);
        (await Store.GetAsync(intruder.Id, Ct)).Should().BeNull();
        await ShouldStillOwnItsValuesAsync(owner);
    }

    /// <summary>A phone address clash names its channel <c>sms</c>.</summary>
    [ConformanceCase]
    public async Task Insert_of_a_taken_phone_address_names_sms()
    {
        const string phone = "+4915112345678";
        var owner = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Sms, phone)],
        };
        await Store.InsertAsync(owner, Ct);
        var intruder = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Sms, phone)],
        };

        var act = async () => await Store.InsertAsync(intruder, Ct);

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict
            .Should().Be(new IdentityConflict(IdentityConflictKind.VerifiableAddress, "sms", phone));
    }

    /// <summary>
    /// Uniqueness is per credential type and per address kind: the same identifier under another type, or the same
    /// address in the other list, belongs to another identity without clashing.
    /// </summary>
    [ConformanceCase]
    public async Task Same_value_under_another_credential_type_or_address_kind_does_not_clash()
    {
        var owner = await InsertNewAsync();
        var email = owner.Credentials[CredentialsType.Password].Identifiers[0];
        var other = IdentityStoreTestData.NewIdentity().WithCredential(CredentialsType.Code, email) with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Sms, email)],
        };
        var third = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [],
            RecoveryAddresses = [IdentityStoreTestData.RecoveryAddress(AddressVia.Sms, email)],
        };

        await Store.InsertAsync(other, Ct);
        await Store.InsertAsync(third, Ct);

        (await Store.CountAsync(Ct)).Should().Be(3);
        ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(CredentialsType.Code, email, Ct), other.Id);
        ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, email, Ct), owner.Id);
    }

    /// <summary>
    /// The same address may be one identity's verifiable address and another's recovery address. Each keeps its own
    /// through the other's delete and update, and a third identity can take only the one that was freed.
    /// </summary>
    [ConformanceCase]
    public async Task An_address_verifiable_for_one_identity_and_recovery_for_another_stays_apart_through_deletes_and_updates()
    {
        var email = IdentityStoreTestData.NewEmail();
        var verifying = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Email, email)],
            RecoveryAddresses = [],
        };
        var recovering = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [],
            RecoveryAddresses = [IdentityStoreTestData.RecoveryAddress(AddressVia.Email, email)],
        };
        var taker = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Email, email)],
            RecoveryAddresses = [],
        };
        await Store.InsertAsync(verifying, Ct);
        await Store.InsertAsync(recovering, Ct);

        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, email, Ct), verifying.Id);
        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, email, Ct), recovering.Id);
        var taken = async () => await Store.InsertAsync(taker, Ct);
        (await taken.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict.Kind.Should().Be(IdentityConflictKind.VerifiableAddress);

        (await Store.DeleteAsync(verifying.Id, Ct)).Should().BeTrue();
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, email, Ct)).Should().BeNull();
        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, email, Ct), recovering.Id);

        await Store.InsertAsync(taker, Ct);
        await Store.UpdateAsync(recovering.Id, identity => identity with { RecoveryAddresses = [] }, Ct);
        (await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, email, Ct)).Should().BeNull();
        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, email, Ct), taker.Id);
        await ShouldStillOwnItsValuesAsync(taker);
    }

    /// <summary>One identity may hold the same identifier in several credential types and the same address in both lists.</summary>
    [ConformanceCase]
    public async Task An_identity_may_repeat_its_own_value_across_credential_types_and_address_kinds()
    {
        var identity = IdentityStoreTestData.NewIdentity();
        var email = identity.Credentials[CredentialsType.Password].Identifiers[0];
        identity = identity.WithCredential(CredentialsType.Code, email).WithCredential(CredentialsType.WebAuthn, email);

        await Store.InsertAsync(identity, Ct);

        await ShouldStillOwnItsValuesAsync(identity);
    }

    /// <summary>Inserting an id that is already stored is refused (conflict or invalid operation) and keeps the stored identity.</summary>
    [ConformanceCase]
    public async Task Insert_of_a_stored_id_is_refused_and_keeps_the_stored_identity()
    {
        var owner = await InsertNewAsync();
        var duplicate = IdentityStoreTestData.NewIdentity(id: owner.Id);

        var act = async () => await Store.InsertAsync(duplicate, Ct);

        (await act.Should().ThrowAsync<Exception>())
            .Which.Should().Match(e => e is IdentityConflictException || e is InvalidOperationException);
        ShouldBeSameIdentity(await Store.GetAsync(owner.Id, Ct), owner);
        (await Store.CountAsync(Ct)).Should().Be(1);
        await ShouldStillOwnItsValuesAsync(owner);
        (await Store.FindByCredentialsIdentifierAsync(
            CredentialsType.Password, duplicate.Credentials[CredentialsType.Password].Identifiers[0], Ct)).Should().BeNull();
    }
}
