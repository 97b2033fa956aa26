using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// A fresh database per test class (an xunit class fixture), dropped at the end; each test takes a fresh schema in it
/// (<see cref="CreateSchemaAsync"/>), so every test starts from an empty, migrated store.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _name;

    /// <summary>A connection string to this class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        _name = "ory_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_name is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an empty schema and returns a data source whose <c>search_path</c> is that schema (not migrated).</summary>
    public async Task<NpgsqlDataSource> CreateSchemaAsync() => NpgsqlDataSource.Create(await CreateSchemaConnectionStringAsync());

    /// <summary>Creates an empty schema and returns a connection string whose <c>search_path</c> is that schema (not migrated).</summary>
    public async Task<string> CreateSchemaConnectionStringAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>As <see cref="CreateSchemaAsync"/>, migrated.</summary>
    public async Task<NpgsqlDataSource> CreateMigratedSchemaAsync()
    {
        var dataSource = await CreateSchemaAsync();
        await PostgreSqlStorageMigrator.MigrateAsync(dataSource);
        return dataSource;
    }
}
