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
