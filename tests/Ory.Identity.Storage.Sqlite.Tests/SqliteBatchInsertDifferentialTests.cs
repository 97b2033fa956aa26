using Microsoft.Data.Sqlite;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="SqliteIdentityStore.InsertManyAsync"/> first writes a batch without savepoints
/// (<see cref="SqliteIdentityStore.TryInsertAllAsync"/>) and falls back to one savepoint per item when a constraint refuses
/// one. The fast path must leave exactly what one <see cref="SqliteIdentityStore.InsertAsync"/> per item leaves (which
/// SqliteSingleInsertDifferentialTests pins to the savepoint path), and must leave nothing when it gives up.
/// </summary>
public sealed class SqliteBatchInsertDifferentialTests : IDisposable
{
    private readonly TempDatabase _fast = new();
    private readonly TempDatabase _oneByOne = new();

    public void Dispose()
    {
        _fast.Delete();
        _oneByOne.Delete();
    }

    [Fact]
    public async Task A_clean_batch_written_without_savepoints_stores_the_same_rows_as_one_insert_per_item()
    {
        var batch = Enumerable.Range(0, 50)
            .Select(i => IdentityStoreTestData.NewIdentity(
                externalId: i % 3 == 0 ? IdentityStoreTestData.NewExternalId() : null,
                organizationId: i % 5 == 0 ? Guid.NewGuid() : null))
            .ToList();
        await using var fastDatabase = new SqliteDatabase(_fast.Options());
        var oneByOne = new SqliteIdentityStore(_oneByOne.Options());
        foreach (var identity in batch)
        {
            await oneByOne.InsertAsync(identity);
        }

        await using (var connection = await fastDatabase.OpenAsync(CancellationToken.None))
        {
            (await SqliteIdentityStore.TryInsertAllAsync(connection, batch, batch.Select(IdentityUniqueValues.Of).ToArray(), CancellationToken.None))
                .Should().BeTrue();
        }

        (await DumpAsync(_fast)).Should().Equal(await DumpAsync(_oneByOne));
    }

    [Fact]
    public async Task A_batch_with_a_clash_leaves_nothing_from_the_fast_path_and_the_same_rows_as_one_insert_per_item()
    {
        var stored = IdentityStoreTestData.NewIdentity();
        var first = IdentityStoreTestData.NewIdentity();
        var clash = IdentityStoreTestData.NewIdentity(email: stored.Traits.GetProperty("email").GetString());
        var last = IdentityStoreTestData.NewIdentity();
        var fast = new SqliteIdentityStore(_fast.Options());
        var oneByOne = new SqliteIdentityStore(_oneByOne.Options());
        await fast.InsertAsync(stored);
        await oneByOne.InsertAsync(stored);

        await using (var database = new SqliteDatabase(_fast.Options()))
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            (await SqliteIdentityStore.TryInsertAllAsync(connection, [first, clash, last], [.. new[] { first, clash, last }.Select(IdentityUniqueValues.Of)], CancellationToken.None))
                .Should().BeFalse();
        }

        (await DumpAsync(_fast)).Should().Equal(await DumpAsync(_oneByOne), "the fast path rolled its transaction back");

        var results = await fast.InsertManyAsync([first, clash, last]);
        var expected = new IdentityConflict?[3];
        foreach (var (identity, index) in new[] { first, clash, last }.Select((identity, index) => (identity, index)))
        {
            try
            {
                await oneByOne.InsertAsync(identity);
            }
            catch (IdentityConflictException e)
            {
                expected[index] = e.Conflict;
            }
        }

        results.Should().Equal(expected);
        expected[1].Should().NotBeNull();
        (await DumpAsync(_fast)).Should().Equal(await DumpAsync(_oneByOne));
    }

    [Fact]
    public async Task Insert_many_writes_clean_batches_whole_and_after_a_clash_decides_item_by_item_until_a_batch_is_clean()
    {
        var fast = new SqliteIdentityStore(_fast.Options());
        var oneByOne = new SqliteIdentityStore(_oneByOne.Options());
        var clean = Enumerable.Range(0, 5).Select(_ => IdentityStoreTestData.NewIdentity()).ToList();
        var clashing = new[] { IdentityStoreTestData.NewIdentity(), IdentityStoreTestData.NewIdentity(email: Email(clean[2])) };
        var stillClashing = new[] { IdentityStoreTestData.NewIdentity(email: Email(clean[0])), IdentityStoreTestData.NewIdentity() };
        var cleanAgain = Enumerable.Range(0, 3).Select(_ => IdentityStoreTestData.NewIdentity()).ToList();
        var afterThat = Enumerable.Range(0, 2).Select(_ => IdentityStoreTestData.NewIdentity()).ToList();

        fast.InsertsAllFirst.Should().BeTrue("a new store writes a batch whole first");
        var results = new List<IdentityConflict?>();
        var modes = new List<bool>();
        foreach (var batch in new IReadOnlyList<Identity>[] { clean, clashing, stillClashing, cleanAgain, afterThat })
        {
            results.AddRange(await fast.InsertManyAsync(batch));
            modes.Add(fast.InsertsAllFirst);
        }

        // clean: whole; clashing: whole attempt refused, so decided item by item and the next batch too; stillClashing:
        // item by item, clashes; cleanAgain: item by item without a clash, so afterThat is written whole again.
        modes.Should().Equal(true, false, false, true, true);
        var expected = new List<IdentityConflict?>();
        foreach (var identity in clean.Concat(clashing).Concat(stillClashing).Concat(cleanAgain).Concat(afterThat))
        {
            try
            {
                await oneByOne.InsertAsync(identity);
                expected.Add(null);
            }
            catch (IdentityConflictException e)
            {
                expected.Add(e.Conflict);
            }
        }

        results.Should().Equal(expected);
        expected.Count(c => c is not null).Should().Be(2);
        (await DumpAsync(_fast)).Should().Equal(await DumpAsync(_oneByOne));
    }

    private static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;

    // Every row of the four identity tables, in a stable order, as text.
    internal static async Task<List<string>> DumpAsync(TempDatabase file)
    {
        var rows = new List<string>();
        await using var connection = new SqliteConnection(file.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT hex(id), external_id, hex(organization_id), schema_id, version, document FROM identities ORDER BY id",
            "SELECT type, identifier, hex(identity_id) FROM identity_credential_identifiers ORDER BY type, identifier",
            "SELECT via, value, hex(identity_id) FROM identity_verifiable_addresses ORDER BY via, value",
            "SELECT via, value, hex(identity_id) FROM identity_recovery_addresses ORDER BY via, value",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
            }
        }

        return rows;
    }
}
