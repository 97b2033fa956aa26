using Microsoft.Data.Sqlite;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.Sqlite.Tests;

public sealed class SqliteStorageMigratorTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public async Task Migrate_twice_applies_each_migration_once()
    {
        (await SqliteStorageMigrator.GetVersionAsync(_database.ConnectionString)).Should().Be(0);

        (await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString)).Should().Be(SqliteStorageMigrator.LatestVersion);
        (await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString)).Should().Be(0);

        (await SqliteStorageMigrator.GetVersionAsync(_database.ConnectionString)).Should().Be(SqliteStorageMigrator.LatestVersion);
        (await QueryAsync("SELECT version FROM schema_migrations ORDER BY version"))
            .Should().Equal(Enumerable.Range(1, SqliteStorageMigrator.LatestVersion).Select(v => (object)(long)v));
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_migration_once()
    {
        var applied = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SqliteStorageMigrator.MigrateAsync(_database.ConnectionString))));

        applied.Sum().Should().Be(SqliteStorageMigrator.LatestVersion);
        (await QueryAsync("SELECT count(*) FROM schema_migrations")).Should().Equal((long)SqliteStorageMigrator.LatestVersion);
    }

    [Fact]
    public async Task Migrate_turns_on_wal_journal_mode()
    {
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);

        (await QueryAsync("PRAGMA journal_mode")).Should().Equal("wal");
    }

    [Fact]
    public async Task Stores_without_MigrateOnStart_refuse_an_unmigrated_database_until_it_is_migrated()
    {
        var store = new SqliteIdentityStore(_database.Options(migrateOnStart: false));
        var identity = IdentityStoreTestData.NewIdentity();

        var act = async () => await store.InsertAsync(identity);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("SqliteStorageMigrator");
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);
        await store.InsertAsync(identity);
        (await store.GetAsync(identity.Id)).Should().NotBeNull();
    }

    [Fact]
    public async Task The_identifier_lookup_reads_identity_ids_from_a_covering_index()
    {
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);
        var store = new SqliteIdentityStore(_database.Options());
        var identity = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(identity);

        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The store's own lookup text, so the test follows the query the store runs.
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteIdentityStore.IdentifierLookupSql;
        command.Parameters.AddWithValue("@type", "password");
        command.Parameters.AddWithValue("@identifier", "x");
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        plan.Should().Contain(step => step.Contains("COVERING INDEX identity_credential_identifiers_lookup", StringComparison.Ordinal));
        var password = identity.Credentials[CredentialsType.Password].Identifiers[0];
        (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, password))!.Id.Should().Be(identity.Id);
    }

    [Fact]
    public async Task A_schema_newer_than_the_library_is_refused()
    {
        await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);
        await QueryAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')");

        var migrate = async () => await SqliteStorageMigrator.MigrateAsync(_database.ConnectionString);
        var use = async () => await new SqliteIdentityStore(_database.Options()).CountAsync();

        (await migrate.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("999");
        await use.Should().ThrowAsync<InvalidOperationException>();
    }

    private async Task<List<object>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
