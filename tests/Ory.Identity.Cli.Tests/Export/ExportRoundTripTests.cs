using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ory.Identity.Cli.Tests.Import.AspNetIdentity;
using Ory.Identity.Storage.PostgreSql.Tests;

namespace Ory.Identity.Cli.Tests.Export;

public sealed class ExportRoundTripTests : IDisposable
{
    private const string Bcrypt = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
    private readonly TempDirectory _dir = new();

    private static string[] Store(string db) => ["--sqlite", db, "--schema", "default=" + StoredIdentities.SchemaPath];

    [Fact]
    public async Task Export_then_import_into_a_fresh_store_then_export_gives_the_same_bytes_and_the_same_admin_json()
    {
        var first = _dir.File("first.db");
        await SeedAsync(_dir, first);

        var exported = await CliRunner.RunAsync(["export", "--output", _dir.File("one.jsonl"), .. Store(first)]);
        exported.ExitCode.Should().Be(0, exported.Error);
        exported.Error.Should().StartWith("exported 7 in ");

        var second = _dir.File("second.db");
        var imported = await CliRunner.RunAsync(["import", "file", _dir.File("one.jsonl"), "--progress", "none", .. Store(second)]);
        imported.ExitCode.Should().Be(0, imported.Error);
        imported.LastLine.Should().StartWith("imported 7, skipped 0, failed 0 in ");

        var again = await CliRunner.RunAsync(["export", "--output", _dir.File("two.jsonl"), .. Store(second)]);
        again.ExitCode.Should().Be(0, again.Error);
        (await File.ReadAllBytesAsync(_dir.File("two.jsonl"))).Should().Equal(await File.ReadAllBytesAsync(_dir.File("one.jsonl")));

        await using var before = StoredIdentities.Sqlite(first);
        await using var after = StoredIdentities.Sqlite(second);
        var original = await before.AllAsync();
        var copied = await after.AllAsync();
        copied.Select(OryIdentityJson.Serialize).Should().Equal(original.Select(OryIdentityJson.Serialize));
        original.Should().Contain(i => i.State == IdentityState.Inactive)
            .And.Contain(i => i.MetadataAdmin != null)
            .And.Contain(i => i.Credentials.ContainsKey(CredentialsType.Totp) && i.Credentials.ContainsKey(CredentialsType.LookupSecret))
            .And.Contain(i => i.Credentials.ContainsKey(CredentialsType.Oidc))
            .And.Contain(i => i.VerifiableAddresses.Any(a => a.Verified));
        (await after.Identities.VerifyPasswordAsync("ann@example.com", "test")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Exported_lines_imported_again_are_skipped_as_taken_ids_and_a_changed_trait_that_breaks_the_schema_fails_alone()
    {
        var db = _dir.File("identities.db");
        await SeedAsync(_dir, db);
        (await CliRunner.RunAsync(["export", "-o", _dir.File("all.jsonl"), .. Store(db)])).ExitCode.Should().Be(0);
        var lines = await File.ReadAllLinesAsync(_dir.File("all.jsonl"));
        var fresh = _dir.File("fresh.db");
        var broken = lines[0].Replace("\"email\":", "\"mail\":", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(_dir.File("broken.jsonl"), [broken, lines[1]]);

        var result = await CliRunner.RunAsync(["import", "file", _dir.File("broken.jsonl"), "--progress", "none", "--report", _dir.File("r.jsonl"), .. Store(fresh)]);
        var rerun = await CliRunner.RunAsync(["import", "file", _dir.File("all.jsonl"), "--progress", "none", .. Store(fresh)]);
        var taken = await CliRunner.RunAsync(["import", "file", _dir.File("all.jsonl"), "--progress", "none", "--on-conflict", "fail", "--report", _dir.File("taken.jsonl"), .. Store(fresh)]);

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().StartWith("imported 1, skipped 0, failed 1 in ");
        var failure = JsonDocument.Parse((await File.ReadAllLinesAsync(_dir.File("r.jsonl")))[0]).RootElement;
        failure.GetProperty("source").GetString().Should().Be("line 1");
        failure.GetProperty("error").GetProperty("code").GetInt32().Should().Be(400);
        rerun.LastLine.Should().StartWith("imported 6, skipped 1, failed 0 in ");
        taken.ExitCode.Should().Be(2);
        taken.LastLine.Should().StartWith("imported 0, skipped 0, failed 7 in ");
        JsonDocument.Parse((await File.ReadAllLinesAsync(_dir.File("taken.jsonl")))[0]).RootElement.GetProperty("error").GetProperty("reason").GetString()
            .Should().Be("An identity with this id already exists.");
    }

    [Fact]
    public async Task Exported_lines_sent_to_an_admin_api_fail_each_with_the_reason_and_write_nothing()
    {
        var db = _dir.File("identities.db");
        await SeedAsync(_dir, db);
        (await CliRunner.RunAsync(["export", "-o", _dir.File("all.jsonl"), .. Store(db)])).ExitCode.Should().Be(0);
        await using var host = await AdminApiHost.StartAsync();

        var result = await CliRunner.RunAsync("import", "file", _dir.File("all.jsonl"), "--endpoint", host.BaseUrl.ToString(), "--progress", "none", "--report", _dir.File("r.jsonl"));

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().StartWith("imported 0, skipped 0, failed 7 in ");
        (await File.ReadAllLinesAsync(_dir.File("r.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("error").GetProperty("reason").GetString())
            .Should().HaveCount(7).And.OnlyContain(r => r!.StartsWith("An exported identity (with its id) is restored only into --sqlite or --postgres", StringComparison.Ordinal));
        (await host.Identities.ListAllAsync().ToListAsync()).Should().BeEmpty();
    }

    // An ASP.NET Core Identity database (v2 and v3 hashes, logins, TOTP, recovery codes, a locked-out user) plus
    // create bodies with metadata, a recovery address and an inactive state, imported into a store.
    internal static async Task SeedAsync(TempDirectory dir, string db)
    {
        var legacy = dir.File("legacy-" + Path.GetFileName(db));
        await AspNetIdentityDatabase.CreateAsync(o => o.UseSqlite($"Data Source={legacy}"));
        var fromAspNet = await CliRunner.RunAsync(["import", "aspnet-identity", "--source-sqlite", legacy, "--progress", "none", .. Store(db)]);
        fromAspNet.LastLine.Should().StartWith("imported 4, ");
        await File.WriteAllLinesAsync(dir.File("more.jsonl"),
        [
            """{"traits":{"email":"ann@example.com"},"external_id":"ann","metadata_public":{"plan":"pro"},"metadata_admin":{"note":[1,2]},"credentials":{"password":{"config":{"hashed_password":""" + $"\"{Bcrypt}\"" + "}}},\"verifiable_addresses\":[{\"value\":\"ann@example.com\",\"via\":\"email\",\"verified\":true,\"status\":\"completed\"}]}",
            """{"traits":{"email":"ina@example.com"},"state":"inactive"}""",
            """{"traits":{"email":"oli@example.com"},"credentials":{"oidc":{"config":{"providers":[{"provider":"github","subject":"12345"}]}}}}""",
        ]);
        var fromFile = await CliRunner.RunAsync(["import", "file", dir.File("more.jsonl"), "--progress", "none", .. Store(db)]);
        fromFile.ExitCode.Should().Be(0, fromFile.Error);
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class ExportRoundTripPostgreSqlTests(PostgresDatabase target) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly TempDirectory _dir = new();

    [PostgresFact]
    public async Task A_sqlite_export_restored_into_postgresql_exports_the_same_identities()
    {
        var db = _dir.File("source.db");
        await ExportRoundTripTests.SeedAsync(_dir, db);
        string[] sqlite = ["--sqlite", db, "--schema", "default=" + StoredIdentities.SchemaPath];
        string[] postgres = ["--postgres", target.ConnectionString, "--schema", "default=" + StoredIdentities.SchemaPath];
        (await CliRunner.RunAsync(["export", "-o", _dir.File("one.jsonl"), .. sqlite])).ExitCode.Should().Be(0);

        var imported = await CliRunner.RunAsync(["import", "file", _dir.File("one.jsonl"), "--progress", "none", .. postgres]);
        var exported = await CliRunner.RunAsync(["export", "-o", _dir.File("two.jsonl"), .. postgres]);

        imported.ExitCode.Should().Be(0, imported.Error);
        exported.ExitCode.Should().Be(0, exported.Error);
        // The same JSON; the PostgreSQL store gives an identity's credentials back in its own key order (jsonb's),
        // so the lines are compared as JSON, members in any order.
        var before = await File.ReadAllLinesAsync(_dir.File("one.jsonl"));
        var after = await File.ReadAllLinesAsync(_dir.File("two.jsonl"));
        after.Should().HaveCount(before.Length);
        for (var i = 0; i < before.Length; i++)
        {
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(after[i]), System.Text.Json.Nodes.JsonNode.Parse(before[i]))
                .Should().BeTrue($"line {i + 1} is the same identity");
        }
    }

    public void Dispose() => _dir.Dispose();
}
