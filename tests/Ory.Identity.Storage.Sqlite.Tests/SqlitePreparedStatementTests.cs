using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>
/// Reads borrow open connections that keep their compiled statements (<see cref="SqliteStorageOptions.PrepareStatements"/>):
/// the answers stay right when a kept statement runs again with other values and after other connections write, and the
/// option turns the keeping off.
/// </summary>
public sealed class SqlitePreparedStatementTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Delete();

    [Fact]
    public async Task Kept_statements_answer_right_for_every_value_and_see_later_writes()
    {
        await using var database = new SqliteDatabase(_file.Options());
        var store = new SqliteIdentityStore(database);
        var identities = Enumerable.Range(0, 8).Select(_ => IdentityStoreTestData.NewIdentity()).ToList();
        (await store.InsertManyAsync(identities)).Should().OnlyContain(r => r == null);

        await IdentityStoreSpecification.ShouldAnswerRepeatedLookupsAsync(store, identities, rounds: 3);

        database.IdleReaders.Should().Be(1, "one read at a time borrows and returns the same connection");

        // A write on another connection is seen by the kept reader: it holds no snapshot between reads.
        var first = identities[0];
        await store.DeleteAsync(first.Id);
        (await store.GetAsync(first.Id)).Should().BeNull();
        (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, Email(first))).Should().BeNull();
        (await store.CountAsync()).Should().Be(7);
        await new SqliteIdentityStore(_file.Options()).InsertAsync(first);
        (await store.GetAsync(first.Id))!.Id.Should().Be(first.Id);
    }

    [Fact]
    public async Task Concurrent_reads_get_connections_of_their_own_and_at_most_the_limit_stays_idle()
    {
        await using var database = new SqliteDatabase(_file.Options());
        var store = new SqliteIdentityStore(database);
        var identity = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(identity);

        var reads = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, Email(identity)))!.Id.Should().Be(identity.Id);
            }
        }));
        await Task.WhenAll(reads);

        database.IdleReaders.Should().BeInRange(1, SqliteDatabase.MaxIdleReaders);
        await database.DisposeAsync();
        database.IdleReaders.Should().Be(0, "disposing closes the idle readers");
        (await store.GetAsync(identity.Id))!.Id.Should().Be(identity.Id);
        database.IdleReaders.Should().Be(0, "a reader returned after disposal is closed");
    }

    [Fact]
    public async Task With_the_option_off_no_connection_stays_open_and_lookups_still_answer()
    {
        var options = _file.Options();
        options.PrepareStatements = false;
        await using var database = new SqliteDatabase(options);
        var store = new SqliteIdentityStore(database);
        var identity = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(identity);

        for (var round = 0; round < 3; round++)
        {
            (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, Email(identity)))!.Id.Should().Be(identity.Id);
            (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [Email(identity)] })).Should().ContainSingle();
        }

        database.IdleReaders.Should().Be(0);
        new SqliteStorageOptions().PrepareStatements.Should().BeTrue();
    }

    private static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;
}
