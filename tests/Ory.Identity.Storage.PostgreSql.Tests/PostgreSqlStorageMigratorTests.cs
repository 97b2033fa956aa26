using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>Versioned migrations: applied once, idempotent, safe to run from several instances at once.</summary>
public sealed class PostgreSqlStorageMigratorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task Migrate_applies_every_version_once_and_is_idempotent()
    {
        await using var dataSource = await database.CreateSchemaAsync();

        (await PostgreSqlStorageMigrator.GetAppliedVersionsAsync(dataSource)).Should().BeEmpty();
        (await PostgreSqlStorageMigrator.MigrateAsync(dataSource)).Should().Equal(PostgreSqlStorageMigrator.Migrations.Select(m => m.Version));
        (await PostgreSqlStorageMigrator.MigrateAsync(dataSource)).Should().BeEmpty();
        (await PostgreSqlStorageMigrator.MigrateAsync(dataSource)).Should().BeEmpty();

        (await PostgreSqlStorageMigrator.GetAppliedVersionsAsync(dataSource)).Should().Equal(PostgreSqlStorageMigrator.Migrations.Select(m => m.Version));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        (await count.ExecuteScalarAsync()).Should().Be(PostgreSqlStorageMigrator.Migrations.Count);
    }

    [PostgresFact]
    public async Task Concurrent_migrators_on_one_database_apply_each_version_exactly_once()
    {
        var connectionString = await database.CreateSchemaConnectionStringAsync();
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = dataSources.Select(d => Task.Run(async () =>
            {
                await gate.Task;
                return await PostgreSqlStorageMigrator.MigrateAsync(d);
            })).ToList();
            gate.SetResult();
            var applied = await Task.WhenAll(runs);

            applied.SelectMany(a => a).Should().Equal(PostgreSqlStorageMigrator.Migrations.Select(m => m.Version), "each version is applied by one migrator");
            (await PostgreSqlStorageMigrator.GetAppliedVersionsAsync(dataSources[0])).Should().Equal(PostgreSqlStorageMigrator.Migrations.Select(m => m.Version));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Migrations_are_numbered_from_one_without_gaps_and_use_no_postgres_only_features()
    {
        PostgreSqlStorageMigrator.Migrations.Select(m => m.Version).Should().Equal(Enumerable.Range(1, PostgreSqlStorageMigrator.Migrations.Count));
        var forbidden = new[]
        {
            "pg_advisory", "DO $$", "CREATE OR REPLACE FUNCTION", "CREATE FUNCTION", "TRIGGER", "xmin", "LISTEN", "NOTIFY",
            "SERIAL", "SEQUENCE", "text_pattern_ops", "USING gin", "USING gist", "CREATE EXTENSION", "EXCLUDE", "WHERE",
        };
        foreach (var statement in PostgreSqlStorageMigrator.Migrations.SelectMany(m => m.Statements))
        {
            foreach (var word in forbidden)
            {
                statement.Should().NotContainEquivalentOf(word);
            }
        }
    }
}
