using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ory.Identity.Storage.PostgreSql.Tests;

namespace Ory.Identity.Cli.Tests.Import.AspNetIdentity;

public sealed class ImportAspNetIdentityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string[] Args(params string[] more) =>
    [
        "import", "aspnet-identity", .. more, "--schema", "default=" + StoredIdentities.SchemaPath,
        "--trait", "/name/first=given_name", "--progress", "none",
    ];

    [Fact]
    public async Task A_sqlite_database_imports_with_every_password_verifying_and_logins_two_factor_and_lockout_mapped()
    {
        var source = _dir.File("legacy.db");
        var seeded = await AspNetIdentityDatabase.CreateAsync(o => o.UseSqlite($"Data Source={source}"));

        var result = await CliRunner.RunAsync(Args("--source-sqlite", source, "--sqlite", _dir.File("identities.db"), "--report", _dir.File("r.jsonl")));

        await using var stored = StoredIdentities.Sqlite(_dir.File("identities.db"));
        await AspNetIdentityImportAssertions.AssertImportedAsync(result, stored, seeded);
        (await File.ReadAllLinesAsync(_dir.File("r.jsonl"))).Should().HaveCount(5);
    }

    [Fact]
    public async Task A_dry_run_prints_the_mapping_without_secrets_validates_every_user_and_writes_nothing()
    {
        var source = _dir.File("legacy.db");
        var seeded = await AspNetIdentityDatabase.CreateAsync(o => o.UseSqlite($"Data Source={source}"));

        var result = await CliRunner.RunAsync(Args("--source-sqlite", source, "--sqlite", _dir.File("identities.db"), "--dry-run"));

        result.ExitCode.Should().Be(2, result.Error);
        result.LastLine.Should().StartWith("imported 4, skipped 0, failed 1 in ");
        result.Output.Should().Contain("\"external_id\": \"" + seeded.Alice + "\"").And.Contain("(redacted)").And.Contain("(10 codes, redacted)");
        foreach (var secret in seeded.AliceRecoveryCodes.Append(seeded.AliceAuthenticatorKey).Append(seeded.BobHash))
        {
            result.Output.Should().NotContain(secret);
        }

        File.Exists(_dir.File("identities.db")).Should().BeFalse();
    }

    [Fact]
    public async Task A_table_without_the_expected_columns_stops_the_run_with_exit_code_1()
    {
        var source = _dir.File("other.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={source}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE \"AspNetUsers\" (\"Id\" TEXT, \"Email\" TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync(Args("--source-sqlite", source, "--sqlite", _dir.File("identities.db")));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("AspNetUsers has no column EmailConfirmed, PasswordHash, LockoutEnd, LockoutEnabled, TwoFactorEnabled");
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class ImportAspNetIdentityPostgreSqlTests(PostgresDatabase target) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task A_postgresql_database_imports_into_the_postgresql_store_with_every_password_verifying()
    {
        var sourceConnection = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString)
        {
            Database = "aspnet_" + Guid.NewGuid().ToString("N")[..12],
        }.ConnectionString;
        void UseSource(DbContextOptionsBuilder o) => o.UseNpgsql(sourceConnection);
        var seeded = await AspNetIdentityDatabase.CreateAsync(UseSource);
        try
        {
            var result = await CliRunner.RunAsync(
                "import", "aspnet-identity", "--source-postgres", sourceConnection, "--postgres", target.ConnectionString,
                "--schema", "default=" + StoredIdentities.SchemaPath, "--trait", "/name/first=given_name", "--progress", "none");

            await using var stored = StoredIdentities.Postgres(target.ConnectionString);
            await AspNetIdentityImportAssertions.AssertImportedAsync(result, stored, seeded);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AspNetIdentityDatabase.DropAsync(UseSource);
        }
    }
}
