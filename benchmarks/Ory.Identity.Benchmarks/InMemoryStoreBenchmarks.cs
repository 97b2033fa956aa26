using BenchmarkDotNet.Attributes;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// The in-memory <see cref="IIdentityStore"/> alone, holding <see cref="Identities"/> identities built as the manager
/// builds them (quickstart schema: one password identifier, one verifiable and one recovery address): look-ups by
/// identifier and address, a keyset page from the middle, an update that keeps the unique values and one that changes
/// them, a delete followed by the same insert, and a batch insert of 1,000 followed by their deletes.
/// </summary>
/// <remarks>Each call takes the next identity in turn; every call leaves the store as it found it (or toggles an email).</remarks>
[MemoryDiagnoser]
public class InMemoryStoreBenchmarks
{
    public const int Identities = 100_000;
    public const int Batch = 1_000;

    private OryHost _host = null!;
    private IIdentityStore _store = null!;
    private Identity[] _stored = [];
    private string[] _emails = [];
    private Func<Identity, Identity>[] _toggleEmail = [];
    private Identity[] _batch = [];
    private Guid _middle;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = new OryHost();
        _store = _host.Store;
        var now = SystemClock.Instance.GetCurrentInstant();
        _emails = Emails.Fresh(Identities);
        _stored = Array.ConvertAll(_emails, email => Build(email, UuidV7.New(now), now));
        foreach (var identity in _stored)
        {
            _store.InsertAsync(identity).AsTask().GetAwaiter().GetResult();
        }

        var others = Emails.Fresh(Identities);
        _toggleEmail = new Func<Identity, Identity>[Identities];
        for (var i = 0; i < Identities; i++)
        {
            var first = _stored[i];
            var second = Build(others[i], first.Id, now);
            _toggleEmail[i] = current => ReferenceEquals(current, first) ? second : first;
        }

        _batch = Array.ConvertAll(Emails.Fresh(Batch), email => Build(email, UuidV7.New(now), now));
        _middle = _stored[Identities / 2].Id;
        Emails.Check(_store.ListAsync(new IdentityStoreQuery { After = _middle, Limit = 250 }).AsTask().GetAwaiter().GetResult().Count == 250, "a page of 250");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Emails.Check(_store.CountAsync().AsTask().GetAwaiter().GetResult() == Identities, "the store holds what it was seeded with");
        _host.Dispose();
    }

    private int Next()
    {
        var i = _next + 1;
        _next = i == Identities ? 0 : i;
        return _next;
    }

    [Benchmark]
    public ValueTask<Identity?> FindByCredentialsIdentifierAsync() =>
        _store.FindByCredentialsIdentifierAsync(CredentialsType.Password, _emails[Next()]);

    [Benchmark]
    public ValueTask<Identity?> FindByAddressAsync() =>
        _store.FindByAddressAsync(AddressKind.Recovery, AddressVia.Email, _emails[Next()]);

    [Benchmark]
    public ValueTask<IReadOnlyList<Identity>> ListAsync_CredentialsIdentifiers() =>
        _store.ListAsync(new IdentityStoreQuery { CredentialsIdentifiers = [_emails[Next()]], Limit = 250 });

    [Benchmark]
    public ValueTask<IReadOnlyList<Identity>> ListAsync_Page250() =>
        _store.ListAsync(new IdentityStoreQuery { After = _middle, Limit = 250 });

    [Benchmark]
    public ValueTask<Identity> UpdateAsync_SameKeys() =>
        _store.UpdateAsync(_stored[Next()].Id, static current => current with { UpdatedAt = current.UpdatedAt + Duration.Epsilon });

    // Toggles the identity between two e-mails: a new identifier and addresses claimed, the old ones released.
    [Benchmark]
    public ValueTask<Identity> UpdateAsync_NewEmail()
    {
        var i = Next();
        return _store.UpdateAsync(_stored[i].Id, _toggleEmail[i]);
    }

    [Benchmark]
    public async Task DeleteAsync_ThenInsertAsync()
    {
        var i = Next();
        var identity = await _store.GetAsync(_stored[i].Id) ?? throw new InvalidOperationException("not stored");
        await _store.DeleteAsync(identity.Id);
        await _store.InsertAsync(identity);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task InsertManyAsync_ThenDeleteAsync()
    {
        var results = await _store.InsertManyAsync(_batch);
        Emails.Check(results[0] is null, "the batch was stored");
        foreach (var identity in _batch)
        {
            await _store.DeleteAsync(identity.Id);
        }
    }

    // What the manager hands the store: validated, derived, with identifiers and addresses.
    private Identity Build(string email, Guid id, Instant now)
    {
        var derivation = _host.Registry.Validate(_host.Schema, OryHost.Traits(email));
        var bare = new Identity
        {
            Id = id,
            SchemaId = "default",
            Traits = derivation.Traits,
            StateChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return DerivedValuesApplier.Apply(bare, derivation, [], [], now);
    }
}
