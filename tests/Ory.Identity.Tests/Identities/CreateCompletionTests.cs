using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

/// <summary>
/// Whatever the store does (completes at once, later, fails or is canceled at once), <see cref="IIdentityManager.CreateAsync"/>
/// delivers the result and every failure through the returned task.
/// </summary>
public sealed class CreateCompletionTests
{
    [Fact]
    public async Task A_null_request_faults_the_task_instead_of_throwing()
    {
        using var host = new TestHost();

        var task = host.Manager.CreateAsync(null!);

        task.IsFaulted.Should().BeTrue();
        await task.Invoking(t => t).Should().ThrowAsync<ArgumentNullException>().WithParameterName("request");
    }

    [Fact]
    public async Task Invalid_traits_fault_the_task_and_are_logged_as_refused()
    {
        using var host = new TestHost();

        var task = host.Manager.CreateAsync(TestHost.Create("""{"email":42}"""));

        task.IsFaulted.Should().BeTrue();
        await task.Invoking(t => t).Should().ThrowAsync<IdentityValidationException>();
        host.Logs.Lines.Should().Contain(l => l.Contains("create") && l.Contains("400"));
        (await host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_store_completing_later_still_creates_and_logs()
    {
        using var host = new TestHost(configure: b => b.Services.AddSingleton<IIdentityStore>(new StoreWith(async (inner, identity) =>
        {
            await Task.Yield();
            await inner.InsertAsync(identity);
        })));

        var created = await host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        (await host.Store.GetAsync(created.Id)).Should().NotBeNull();
        host.Logs.Lines.Should().Contain(l => l.Contains(created.Id.ToString()));
    }

    [Fact]
    public async Task A_conflict_reported_by_the_store_faults_the_task_with_the_conflict()
    {
        using var host = new TestHost();
        await host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var task = host.Manager.CreateAsync(TestHost.Create("""{"email":"FOO@ory.sh"}"""));

        await task.Invoking(t => t).Should().ThrowAsync<IdentityConflictException>();
        (await host.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_store_throwing_cancellation_at_once_cancels_the_task()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        using var host = new TestHost(configure: b => b.Services.AddSingleton<IIdentityStore>(
            new StoreWith((_, _) => throw new OperationCanceledException(cancel.Token))));

        var task = host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""), cancel.Token);

        task.IsCanceled.Should().BeTrue();
        await task.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_store_throwing_at_once_faults_the_task()
    {
        using var host = new TestHost(configure: b => b.Services.AddSingleton<IIdentityStore>(
            new StoreWith((_, _) => throw new InvalidOperationException("store down"))));

        var task = host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        task.IsFaulted.Should().BeTrue();
        await task.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("store down");
    }

    // An in-memory store whose inserts run through a test's delegate.
    private sealed class StoreWith(Func<IIdentityStore, Identity, ValueTask> insert) : IIdentityStore
    {
        private readonly InMemoryIdentityStore _inner = new();

        public ValueTask InsertAsync(Identity identity, CancellationToken cancellationToken = default) => insert(_inner, identity);

        public ValueTask<IReadOnlyList<IdentityConflict?>> InsertManyAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken = default) =>
            _inner.InsertManyAsync(identities, cancellationToken);

        public ValueTask<Identity?> GetAsync(Guid id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

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
