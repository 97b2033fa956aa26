using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Import;

public sealed class ImportFileTests : IDisposable
{
    // bcrypt of "test" (docs/import-users.md).
    internal const string Bcrypt = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
    private readonly TempDirectory _dir = new();

    private string Db => _dir.File("identities.db");

    private string[] Target(params string[] more) =>
        [.. more, "--sqlite", Db, "--schema", "default=" + StoredIdentities.SchemaPath, .. more.Contains("--progress") ? Array.Empty<string>() : ["--progress", "none"]];

    internal static string Item(string email, string? hash = Bcrypt, string schema = "default", string? externalId = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schema_id"] = schema,
            ["traits"] = new { email },
            ["external_id"] = externalId,
            ["credentials"] = hash is null ? null : new { password = new { config = new { hashed_password = hash } } },
        }.Where(p => p.Value is not null).ToDictionary());

    [Fact]
    public async Task Json_lines_are_imported_and_each_bad_line_fails_alone_with_its_line_number()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            Item("ann@example.com", externalId: "u-1"),
            """{"schema_id":"default","traits":{"email":"broken@example.com"}""",
            Item("ghost@example.com", schema: "nope"),
            Item("eve@example.com", hash: "$evil$" + new string('A', 200)),
            "",
            Item("bob@example.com", hash: null),
        ]);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--report", _dir.File("report.jsonl")));

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().MatchRegex(@"^imported 2, skipped 0, failed 3 in \d+\.\d\d s \(\d+ identities/s\)$");
        var report = await ReportAsync("report.jsonl");
        report.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["line 1"] = "created",
            ["line 2"] = "failed",
            ["line 3"] = "failed",
            ["line 4"] = "failed",
            ["line 6"] = "created",
        });
        var reasons = (await File.ReadAllLinesAsync(_dir.File("report.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("status").GetString() == "failed")
            .ToDictionary(e => e.GetProperty("source").GetString()!, e => e.GetProperty("error").GetProperty("reason").GetString());
        reasons["line 3"].Should().Be("Unable to find JSON Schema ID: nope");
        reasons["line 4"].Should().Be("The imported password does not match any known hash format.");

        await using var stored = StoredIdentities.Sqlite(Db);
        var all = await stored.AllAsync();
        all.Select(i => i.Traits.GetProperty("email").GetString()).Should().BeEquivalentTo("ann@example.com", "bob@example.com");
        all.Single(i => i.ExternalId == "u-1").Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString()
            .Should().Be(Bcrypt);
        (await stored.Identities.VerifyPasswordAsync("ann@example.com", "test")).Succeeded.Should().BeTrue();
        result.Output.Should().NotContain("example.com").And.NotContain("$2a$").And.NotContain("$evil$");
        result.Error.Should().NotContain("example.com").And.NotContain("$2a$").And.NotContain("$evil$")
            .And.Contain("line 3: failed: 400");
    }

    [Fact]
    public async Task A_json_array_is_read_like_json_lines_and_named_by_the_line_each_item_starts_on()
    {
        var file = _dir.File("users.json");
        await File.WriteAllTextAsync(file, "[\n  " + Item("ann@example.com") + ",\n  " + Item("bob@example.com", schema: "nope") + ",\n\n  "
            + Item("cid@example.com") + "\n]\n");

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--report", _dir.File("report.jsonl")));

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().StartWith("imported 2, skipped 0, failed 1 in ");
        (await ReportAsync("report.jsonl")).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["line 2"] = "created",
            ["line 3"] = "failed",
            ["line 5"] = "created",
        });
    }

    [Fact]
    public async Task A_broken_json_array_stops_the_run_with_exit_code_1_after_the_items_before_it()
    {
        var file = _dir.File("users.json");
        await File.WriteAllTextAsync(file, "[" + Item("ann@example.com") + ",\n{\"traits\": }]");

        var result = await CliRunner.RunAsync(Target("import", "file", file));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("The array item at line 2 is not valid JSON.");
        result.LastLine.Should().StartWith("imported 1, skipped 0, failed 0 in ");
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        var result = await CliRunner.RunWithInputAsync(Item("ann@example.com") + "\n" + Item("bob@example.com") + "\n", Target("import", "file", "-"));

        result.ExitCode.Should().Be(0);
        result.LastLine.Should().StartWith("imported 2, skipped 0, failed 0 in ");
    }

    [Theory]
    [InlineData("skip", 0, "imported 0, skipped 2, failed 0")]
    [InlineData("fail", 2, "imported 0, skipped 0, failed 2")]
    public async Task An_identity_already_present_is_skipped_or_failed_as_on_conflict_says(string policy, int exitCode, string summary)
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com", externalId: "u-1"), Item("bob@example.com")]);
        (await CliRunner.RunAsync(Target("import", "file", file))).ExitCode.Should().Be(0);
        await File.WriteAllLinesAsync(file, [Item("other@example.com", externalId: "u-1"), Item("BOB@example.com")]);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", policy, "--report", _dir.File("r.jsonl")));

        result.ExitCode.Should().Be(exitCode);
        result.LastLine.Should().StartWith(summary + " in ");
        (await ReportAsync("r.jsonl")).Values.Should().AllBe(policy == "skip" ? "skipped" : "failed");
        await using var stored = StoredIdentities.Sqlite(Db);
        (await stored.AllAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Resume_passes_over_what_the_report_says_is_done_and_appends_to_it()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com"), Item("cid@example.com")]);
        await File.WriteAllLinesAsync(_dir.File("users-1.jsonl"), [Item("ann@example.com")]);
        (await CliRunner.RunAsync(Target("import", "file", _dir.File("users-1.jsonl"), "--report", _dir.File("r.jsonl")))).ExitCode.Should().Be(0);
        // A crash while writing the report leaves half a line.
        await File.AppendAllTextAsync(_dir.File("r.jsonl"), "{\"source\":\"line 2\",\"sta");

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--resume", _dir.File("r.jsonl")));

        result.ExitCode.Should().Be(0);
        result.Error.Should().Contain("resuming: 1 items already done");
        result.LastLine.Should().StartWith("imported 2, skipped 0, failed 0 in ");
        await using var stored = StoredIdentities.Sqlite(Db);
        (await stored.AllAsync()).Select(i => i.Traits.GetProperty("email").GetString())
            .Should().BeEquivalentTo("ann@example.com", "bob@example.com", "cid@example.com");
    }

    [Fact]
    public async Task A_trait_that_fails_the_schema_is_reported_by_its_pointers_without_its_value()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("not-an-address-secret-4711")]);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--report", _dir.File("report.jsonl")));

        result.ExitCode.Should().Be(2);
        var reportText = await File.ReadAllTextAsync(_dir.File("report.jsonl"));
        reportText.Should().NotContain("not-an-address-secret-4711");
        var failed = reportText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("status").GetString() == "failed");
        failed.GetProperty("source").GetString().Should().Be("line 2");
        failed.GetProperty("error").GetProperty("reason").GetString().Should().MatchRegex(@"^I\[#/traits/email\] S\[[^\]]+\] \(value not recorded\)$");
        (result.Output + result.Error).Should().NotContain("not-an-address-secret-4711");
    }

    [Fact]
    public async Task A_conflict_while_resuming_on_an_item_no_run_was_writing_follows_on_conflict()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com")]);
        (await CliRunner.RunAsync(Target("import", "file", file))).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", "fail", "--resume", _dir.File("none-yet.jsonl")));

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().StartWith("imported 0, skipped 0, failed 2 in ");
    }

    [Theory]
    [InlineData("missing.jsonl", "error: The file missing.jsonl does not exist.")]
    [InlineData("users.jsonl", "error: A store target needs identity schemas")]
    public async Task A_run_that_cannot_proceed_exits_with_1_and_says_why(string input, string message)
    {
        await File.WriteAllLinesAsync(_dir.File("users.jsonl"), [Item("ann@example.com")]);
        var args = input == "users.jsonl"
            ? new[] { "import", "file", _dir.File(input), "--sqlite", Db }
            : Target("import", "file", input);

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
    }

    [Fact]
    public async Task Two_targets_at_once_are_refused()
    {
        await File.WriteAllLinesAsync(_dir.File("users.jsonl"), [Item("ann@example.com")]);

        var result = await CliRunner.RunAsync(Target("import", "file", _dir.File("users.jsonl"), "--endpoint", "http://127.0.0.1:1/"));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Name exactly one target");
        File.Exists(Db).Should().BeFalse();
    }

    [Fact]
    public async Task More_than_a_batch_is_imported_in_batches_of_at_most_1000()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 2345).Select(i => Item($"user{i}@example.com")));

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--progress", "plain"));

        result.ExitCode.Should().Be(0, result.Error);
        result.LastLine.Should().StartWith("imported 2345, skipped 0, failed 0 in ");
        await using var stored = StoredIdentities.Sqlite(Db);
        // One CreateManyAsync stamps its whole batch with one instant: the batches, as stored.
        (await stored.AllAsync()).GroupBy(i => i.CreatedAt).Select(g => g.Count()).Order().Should().Equal(345, 1000, 1000);
    }

    private async Task<Dictionary<string, string>> ReportAsync(string name) =>
        (await File.ReadAllLinesAsync(_dir.File(name))).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("source").GetString()!, e => e.GetProperty("status").GetString()!);

    public void Dispose() => _dir.Dispose();
}
