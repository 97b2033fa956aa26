using System.Text.Json;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The conformance kit of <see cref="IIdentityStore"/>: derive a sealed test class, return a new empty store from
/// <see cref="CreateStore"/>, and run its <see cref="Cases"/> from one data-driven test (<see cref="ConformanceKit"/>).
/// </summary>
/// <remarks>
/// Each test gets a fresh instance of the derived class and so calls <see cref="CreateStore"/> once; the store is
/// disposed after the test when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>
/// (<see cref="StoreSpecification{TStore}"/>).
/// </remarks>
/// <example>
/// <code>
/// public sealed class MyStoreConformanceTests : IdentityStoreSpecification
/// {
///     protected override IIdentityStore CreateStore() => new MyStore(...);
///
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
/// }
/// </code>
/// </example>
public abstract partial class IdentityStoreSpecification : StoreSpecification<IIdentityStore>
{
    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<IdentityStoreSpecification>();

    /// <summary>Creates a new, empty store for one case.</summary>
    protected abstract override IIdentityStore CreateStore();

    /// <summary>Inserts identities one by one and returns them.</summary>
    protected async Task<IReadOnlyList<Identity>> InsertAllAsync(IEnumerable<Identity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var inserted = new List<Identity>();
        foreach (var identity in identities)
        {
            await Store.InsertAsync(identity, Ct);
            inserted.Add(identity);
        }

        return inserted;
    }

    /// <summary>Inserts a new test identity (<see cref="IdentityStoreTestData.NewIdentity"/>) with an external id and returns it.</summary>
    protected async Task<Identity> InsertNewAsync(Guid? id = null, Guid? organizationId = null)
    {
        var identity = IdentityStoreTestData.NewIdentity(
            externalId: IdentityStoreTestData.NewExternalId(),
            id: id,
            organizationId: organizationId);
        await Store.InsertAsync(identity, Ct);
        return identity;
    }

    /// <summary>Asserts that a lookup found the identity with <paramref name="id"/>.</summary>
    protected static void ShouldBeFound(Identity? found, Guid id)
    {
        found.Should().NotBeNull("the lookup should find identity {0}", id);
        found!.Id.Should().Be(id);
    }

    /// <summary>Asserts that two identities hold the same data, field by field (JSON compared by value).</summary>
    protected static void ShouldBeSameIdentity(Identity? actual, Identity expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        actual.Should().NotBeNull();
        actual!.Id.Should().Be(expected.Id);
        actual.SchemaId.Should().Be(expected.SchemaId);
        actual.SchemaUrl.Should().Be(expected.SchemaUrl);
        actual.State.Should().Be(expected.State);
        actual.StateChangedAt.Should().Be(expected.StateChangedAt);
        JsonShouldEqual(actual.Traits, expected.Traits, "traits");
        JsonShouldEqual(actual.MetadataPublic, expected.MetadataPublic, "metadata_public");
        JsonShouldEqual(actual.MetadataAdmin, expected.MetadataAdmin, "metadata_admin");
        actual.VerifiableAddresses.Should().Equal(expected.VerifiableAddresses);
        actual.RecoveryAddresses.Should().Equal(expected.RecoveryAddresses);
        actual.ExternalId.Should().Be(expected.ExternalId);
        actual.OrganizationId.Should().Be(expected.OrganizationId);
        actual.CreatedAt.Should().Be(expected.CreatedAt);
        actual.UpdatedAt.Should().Be(expected.UpdatedAt);
        actual.Credentials.Keys.Should().BeEquivalentTo(expected.Credentials.Keys);
        foreach (var (type, expectedCredential) in expected.Credentials)
        {
            var credential = actual.Credentials[type];
            credential.Type.Should().Be(expectedCredential.Type);
            credential.Identifiers.Should().Equal(expectedCredential.Identifiers);
            JsonShouldEqual(credential.Config, expectedCredential.Config, $"credentials.{type}.config");
            credential.Version.Should().Be(expectedCredential.Version);
            credential.CreatedAt.Should().Be(expectedCredential.CreatedAt);
            credential.UpdatedAt.Should().Be(expectedCredential.UpdatedAt);
        }
    }

    private static void JsonShouldEqual(JsonElement? actual, JsonElement? expected, string what)
    {
        if (expected is null)
        {
            actual.Should().BeNull(what);
            return;
        }

        actual.Should().NotBeNull(what);
        JsonElement.DeepEquals(actual!.Value, expected.Value).Should().BeTrue($"{what} should round-trip by value");
    }
}
