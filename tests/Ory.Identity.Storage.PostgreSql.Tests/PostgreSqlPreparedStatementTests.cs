using Npgsql;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// The read statements are prepared per pooled connection (<see cref="PostgreSqlStorageOptions.PrepareStatements"/>):
/// the server keeps them, and the answers stay right once PostgreSQL switches to the generic plan (after five runs).
/// </summary>
public sealed class PostgreSqlPreparedStatementTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task Lookups_and_list_pages_are_prepared_on_the_connection_and_stay_right_on_the_generic_plan()
    {
        await using var dataSource = await OneConnectionAsync();
        var store = new PostgreSqlIdentityStore(dataSource);
        var identities = Enumerable.Range(0, 8).Select(_ => IdentityStoreTestData.NewIdentity()).ToList();
        (await store.InsertManyAsync(identities)).Should().OnlyContain(r => r == null);

        await IdentityStoreSpecification.ShouldAnswerRepeatedLookupsAsync(store, identities, rounds: 8);

        (await PreparedAsync(dataSource)).Should().Contain(s => s.Contains("identity_credential_identifiers c ON", StringComparison.Ordinal))
            .And.Contain(s => s.Contains("c.identifier IN ($2, $3)", StringComparison.Ordinal))
            .And.Contain(s => s.Contains("c.identifier = ANY($2)", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task With_preparation_off_nothing_is_prepared_and_lookups_still_answer()
    {
        await using var dataSource = await OneConnectionAsync();
        var store = new PostgreSqlIdentityStore(new PostgreSqlDatabase(dataSource, ownsDataSource: false, migrateOnStart: false, prepareStatements: false));
        var identity = IdentityStoreTestData.NewIdentity();
        await store.InsertAsync(identity);

        for (var round = 0; round < 6; round++)
        {
            (await store.FindByCredentialsIdentifierAsync(CredentialsType.Password, Email(identity)))!.Id.Should().Be(identity.Id);
            (await store.ListAsync(new IdentityStoreQuery { Limit = 10, CredentialsIdentifiers = [Email(identity)] })).Should().ContainSingle();
        }

        (await PreparedAsync(dataSource)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Database=d", true, true)]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Database=d", false, false)]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Database=d;Multiplexing=true", true, false)]
    public async Task Preparation_follows_the_option_and_is_off_with_multiplexing(string connectionString, bool option, bool expected)
    {
        await using var storage = PostgreSqlDatabase.Create(new PostgreSqlStorageOptions { ConnectionString = connectionString, PrepareStatements = option });

        storage.PrepareStatements.Should().Be(expected);
    }

    [Fact]
    public async Task A_data_source_built_from_a_connection_string_skips_the_session_reset_and_keeps_the_rest()
    {
        await using var storage = PostgreSqlDatabase.Create(new PostgreSqlStorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Database=d;Maximum Pool Size=7" });

        var settings = new NpgsqlConnectionStringBuilder(storage.DataSource.ConnectionString);
        settings.NoResetOnClose.Should().BeTrue();
        settings.MaxPoolSize.Should().Be(7);
        settings.Port.Should().Be(1);
    }

    private static string Email(Identity identity) => identity.Traits.GetProperty("email").GetString()!;

    /// <summary>A migrated schema whose pool has one connection, so every call runs on the same server session.</summary>
    private async Task<NpgsqlDataSource> OneConnectionAsync()
    {
        await using (var migrated = await database.CreateMigratedSchemaAsync())
        {
            var builder = new NpgsqlConnectionStringBuilder(migrated.ConnectionString) { MaxPoolSize = 1 };
            return NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    private static async Task<List<string>> PreparedAsync(NpgsqlDataSource dataSource)
    {
        var statements = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT statement FROM pg_prepared_statements");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }
}
