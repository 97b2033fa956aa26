using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>Every field survives an insert and a read, timestamps to the microsecond.</summary>
    [ConformanceCase]
    public async Task Insert_then_get_preserves_every_field()
    {
        var at = IdentityStoreTestData.CreatedAt;
        var email = IdentityStoreTestData.NewEmail();
        var organization = Guid.NewGuid();
        var identity = IdentityStoreTestData.NewIdentity(email, IdentityStoreTestData.NewExternalId(), organizationId: organization)
            .WithCredential(CredentialsType.Oidc, "google:1234567890", "github:42")
            .WithCredential(CredentialsType.Totp);
        identity = identity with
        {
            State = IdentityState.Inactive,
            StateChangedAt = at.Plus(Duration.FromTicks(10)),
            UpdatedAt = at.Plus(Duration.FromSeconds(1)).PlusTicks(70),
            MetadataPublic = IdentityStoreTestData.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("plan", "pro");
                w.WriteEndObject();
            }),
            MetadataAdmin = IdentityStoreTestData.Json(w =>
            {
                w.WriteStartArray();
                w.WriteNumberValue(1.5m);
                w.WriteBooleanValue(true);
                w.WriteNullValue();
                w.WriteEndArray();
            }),
            VerifiableAddresses =
            [
                identity.VerifiableAddresses[0] with
                {
                    Verified = true,
                    Status = VerifiableAddressStatus.Completed,
                    VerifiedAt = at.PlusTicks(123_450),
                },
                IdentityStoreTestData.VerifiableAddress(AddressVia.Sms, "+4915112345678"),
            ],
            RecoveryAddresses =
            [
                identity.RecoveryAddresses[0] with { BreakGlassForOrganization = organization },
            ],
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials)
            {
                [CredentialsType.Password] = identity.Credentials[CredentialsType.Password] with { Version = 1, UpdatedAt = at.PlusTicks(990) },
            },
        };

        await Store.InsertAsync(identity, Ct);

        ShouldBeSameIdentity(await Store.GetAsync(identity.Id, Ct), identity);
    }

    /// <summary>An identity without credentials or addresses (a machine identity, say) reads back with empty collections, never null.</summary>
    [ConformanceCase]
    public async Task An_identity_without_credentials_or_addresses_reads_back_with_empty_collections()
    {
        var bare = IdentityStoreTestData.NewIdentity() with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>(),
            VerifiableAddresses = [],
            RecoveryAddresses = [],
        };
        await Store.InsertAsync(bare, Ct);

        foreach (var found in new[] { await Store.GetAsync(bare.Id, Ct), (await Store.ListAsync(new IdentityStoreQuery { Limit = 1, Ids = [bare.Id] }, Ct)).Single() })
        {
            ShouldBeSameIdentity(found, bare);
            found!.Credentials.Should().NotBeNull().And.BeEmpty();
            found.VerifiableAddresses.Should().NotBeNull().And.BeEmpty();
            found.RecoveryAddresses.Should().NotBeNull().And.BeEmpty();
        }

        var updated = await Store.UpdateAsync(bare.Id, i => i with { ExternalId = "bare-" + bare.Id.ToString("N") }, Ct);
        updated.Credentials.Should().BeEmpty();
    }

    /// <summary>Reading an id nobody has returns null.</summary>
    [ConformanceCase]
    public async Task Get_of_an_unknown_id_returns_null()
    {
        await InsertNewAsync();

        (await Store.GetAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }

    /// <summary>The external id finds its identity, exactly (case-sensitive).</summary>
    [ConformanceCase]
    public async Task Get_by_external_id_finds_the_owner_by_exact_value()
    {
        var identity = IdentityStoreTestData.NewIdentity(externalId: "Ext-" + Guid.NewGuid().ToString("N"));
        await Store.InsertAsync(identity, Ct);
        await InsertNewAsync();

        ShouldBeFound(await Store.GetByExternalIdAsync(identity.ExternalId!, Ct), identity.Id);
        (await Store.GetByExternalIdAsync(identity.ExternalId!, Ct)).Should().NotBeNull();
        (await Store.GetByExternalIdAsync(identity.ExternalId!.ToLowerInvariant(), Ct)).Should().BeNull();
        (await Store.GetByExternalIdAsync("missing", Ct)).Should().BeNull();
    }

    /// <summary>A credential identifier finds its owner under its own type only, and only by exact value.</summary>
    [ConformanceCase]
    public async Task Find_by_credentials_identifier_is_exact_and_per_type()
    {
        var identity = IdentityStoreTestData.NewIdentity().WithCredential(CredentialsType.Oidc, "google:AbC");
        var email = identity.Credentials[CredentialsType.Password].Identifiers[0];
        await Store.InsertAsync(identity, Ct);
        await InsertNewAsync();

        ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, email, Ct), identity.Id);
        ShouldBeFound(await Store.FindByCredentialsIdentifierAsync(CredentialsType.Oidc, "google:AbC", Ct), identity.Id);
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Oidc, "google:AbC", Ct)).Should().NotBeNull();
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Code, email, Ct)).Should().BeNull();
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, "google:AbC", Ct)).Should().BeNull();
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Oidc, "google:abc", Ct)).Should().BeNull();
        (await Store.FindByCredentialsIdentifierAsync(CredentialsType.Password, email.ToUpperInvariant(), Ct)).Should().BeNull();
    }

    /// <summary>Verifiable and recovery addresses are looked up separately, by channel and exact value.</summary>
    [ConformanceCase]
    public async Task Find_by_address_keeps_verifiable_and_recovery_kinds_apart()
    {
        var verifiableOnly = IdentityStoreTestData.NewEmail();
        var recoveryOnly = IdentityStoreTestData.NewEmail();
        var identity = IdentityStoreTestData.NewIdentity() with
        {
            VerifiableAddresses = [IdentityStoreTestData.VerifiableAddress(AddressVia.Email, verifiableOnly)],
            RecoveryAddresses = [IdentityStoreTestData.RecoveryAddress(AddressVia.Email, recoveryOnly)],
        };
        await Store.InsertAsync(identity, Ct);

        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, verifiableOnly, Ct), identity.Id);
        ShouldBeFound(await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, recoveryOnly, Ct), identity.Id);
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, verifiableOnly, Ct)).Should().NotBeNull();
        (await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, recoveryOnly, Ct)).Should().NotBeNull();
        (await Store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, verifiableOnly, Ct)).Should().BeNull();
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, recoveryOnly, Ct)).Should().BeNull();
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Sms, verifiableOnly, Ct)).Should().BeNull();
        (await Store.FindByAddressAsync(AddressKind.Verifiable, AddressVia.Email, verifiableOnly.ToUpperInvariant(), Ct)).Should().BeNull();
    }

    /// <summary>The count follows inserts and deletes.</summary>
    [ConformanceCase]
    public async Task Count_follows_inserts_and_deletes()
    {
        (await Store.CountAsync(Ct)).Should().Be(0);
        var first = await InsertNewAsync();
        await InsertNewAsync();
        await InsertNewAsync();
        (await Store.CountAsync(Ct)).Should().Be(3);

        await Store.DeleteAsync(first.Id, Ct);

        (await Store.CountAsync(Ct)).Should().Be(2);
    }

    /// <summary>
    /// Lookups and list pages repeated with other values answer for each value (a store that keeps or prepares its
    /// statements must bind the new values every time).
    /// </summary>
    [ConformanceCase]
    public async Task Repeated_lookups_answer_for_each_value()
    {
        var identities = await InsertAllAsync(Enumerable.Range(0, 8).Select(_ => IdentityStoreTestData.NewIdentity()));

        await ShouldAnswerRepeatedLookupsAsync(Store, identities, rounds: 3);
    }

    /// <summary>
    /// Looks each of <paramref name="identities"/> up, <paramref name="rounds"/> times in turn, by id, by its email as
    /// password identifier, and by listing with its email alone and with the upper-cased email and the email (the two forms
    /// the manager passes); then lists six of them by their emails at once, by a null beside an email, and by no
    /// identifiers; and checks every answer. For store tests that run the same statements many times (prepared statements).
    /// </summary>
    /// <param name="store">The store holding <paramref name="identities"/>, each with an <c>email</c> trait as its password identifier.</param>
    /// <param name="identities">At least six stored identities.</param>
    /// <param name="rounds">How many times to look every identity up.</param>
    public static async Task ShouldAnswerRepeatedLookupsAsync(IIdentityStore store, IReadOnlyList<Identity> identities, int rounds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(identities);
        static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var identity in identities)
            {
                var email = Email(identity);
                (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, email))!.Id.Should().Be(identity.Id);
                (await store.GetAsync(identity.Id))!.Id.Should().Be(identity.Id);
                (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [email] }))
                    .Select(i => i.Id).Should().Equal(identity.Id);
                (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [email.ToUpperInvariant(), email] }))
                    .Select(i => i.Id).Should().Equal(identity.Id);
            }

            var six = identities.Take(6).ToList();
            (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [.. six.Select(Email)] }))
                .Select(i => i.Id).Should().BeEquivalentTo(six.Select(i => i.Id));
            (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [null!, Email(six[0])] }))
                .Select(i => i.Id).Should().Equal(six[0].Id);
            (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [] })).Should().BeEmpty();
        }
    }
}
