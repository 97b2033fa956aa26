using Ory.Identity;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Storage.Specification;

namespace Consumer;

// Item 6: the conformance kit runs from xunit v3 beside FluentAssertions 8 (which a store author's own tests use).
public sealed class IdentityStoreKitTests : IdentityStoreSpecification
{
    protected override IIdentityStore CreateStore() => new InMemoryIdentityStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);

    [Fact]
    public void The_kit_lists_its_cases_by_name()
    {
        Cases.Select(row => (string)row[0]).Should().HaveCountGreaterThan(50).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_failing_store_fails_its_case_with_a_readable_message()
    {
        var failing = new ForgetfulStore();

        var run = () => failing.RunAsync("Insert_then_get_preserves_every_field");

        (await run.Should().ThrowAsync<ConformanceFailedException>()).Which.Message.Should()
            .Be("Insert_then_get_preserves_every_field: Expected actual not to be <null>, but it was.");
    }

    // A store that never finds what was inserted.
    private sealed class ForgetfulStore : IdentityStoreSpecification
    {
        public Task RunAsync(string name) => RunCaseAsync(name);

        protected override IIdentityStore CreateStore() => new Forgetful();

        private sealed class Forgetful : IIdentityStore
        {
            private readonly InMemoryIdentityStore _inner = new();

            public ValueTask InsertAsync(Identity identity, CancellationToken cancellationToken = default) => _inner.InsertAsync(identity, cancellationToken);

            public ValueTask<IReadOnlyList<IdentityConflict?>> InsertManyAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken = default) =>
                _inner.InsertManyAsync(identities, cancellationToken);

            public ValueTask<Identity?> GetAsync(Guid id, CancellationToken cancellationToken = default) => ValueTask.FromResult<Identity?>(null);

            public ValueTask<Identity?> GetByExternalIdAsync(string externalId, CancellationToken cancellationToken = default) =>
                _inner.GetByExternalIdAsync(externalId, cancellationToken);

            public ValueTask<Identity?> FindByCredentialsIdentifierAsync(CredentialsType type, string identifier, CancellationToken cancellationToken = default) =>
                _inner.FindByCredentialsIdentifierAsync(type, identifier, cancellationToken);

            public ValueTask<Identity?> FindByAddressAsync(AddressKind kind, AddressVia via, string value, CancellationToken cancellationToken = default) =>
                _inner.FindByAddressAsync(kind, via, value, cancellationToken);

            public ValueTask<IReadOnlyList<Identity>> ListAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default) =>
                _inner.ListAsync(query, cancellationToken);

            public ValueTask<Identity> UpdateAsync(Guid id, Func<Identity, Identity> update, CancellationToken cancellationToken = default) =>
                _inner.UpdateAsync(id, update, cancellationToken);

            public ValueTask<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);

            public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => _inner.CountAsync(cancellationToken);
        }
    }
}
