using System.Text.Json;
using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Tests.Import;

/// <summary>
/// <c>--resume</c> against <c>--on-conflict</c>: only the items the interrupted run had sent without reporting count as
/// its own writes; every other conflict (a duplicate in the source, an identity present before) follows the policy.
/// </summary>
public sealed class ResumeConflictTests : IDisposable
{
    // bcrypt of "test" (docs/import-users.md).
    private const string Bcrypt = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
    private readonly TempDirectory _dir = new();

    private string Db => _dir.File("identities.db");

    private string Report => _dir.File("report.jsonl");

    private string[] Target(params string[] more) =>
        [.. more, "--sqlite", Db, "--schema", "default=" + StoredIdentities.SchemaPath, "--progress", "none"];

    private static string Item(string email) =>
        "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + Bcrypt + "\"}}}}";

    [Fact]
    public async Task A_run_stopped_after_writing_a_batch_it_had_not_reported_resumes_under_fail_to_one_copy_each_and_exit_0()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com"), Item("cid@example.com")]);
        await RunStoppedAfterTheWriteAsync(file);
        File.Exists(ImportReport.SendingPath(Report)).Should().BeTrue("the batch being written is named beside the report");
        (await OutcomesAsync()).Should().BeEmpty("the run stopped before it could report the batch");

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", "fail", "--resume", Report));

        result.ExitCode.Should().Be(0, result.Error);
        result.LastLine.Should().StartWith("imported 0, skipped 3, failed 0 in ");
        (await OutcomesAsync()).Values.Should().AllBe("skipped");
        (await EmailsAsync()).Should().BeEquivalentTo("ann@example.com", "bob@example.com", "cid@example.com");
        File.Exists(ImportReport.SendingPath(Report)).Should().BeFalse("a finished run leaves no batch being written");
    }

    [Fact]
    public async Task A_duplicate_in_the_source_fails_under_fail_with_exit_code_2()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com"), Item("ann@example.com")]);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", "fail", "--report", Report));

        result.ExitCode.Should().Be(2);
        result.LastLine.Should().StartWith("imported 2, skipped 0, failed 1 in ");
        (await OutcomesAsync()).Should().Equal(new Dictionary<string, string> { ["line 1"] = "created", ["line 2"] = "created", ["line 3"] = "failed" });
    }

    [Fact]
    public async Task A_duplicate_in_the_source_fails_under_fail_when_resuming_too()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com"), Item("cid@example.com"), Item("ann@example.com")]);
        // The first run got through the first two lines.
        var firstPart = _dir.File("first.jsonl");
        await File.WriteAllLinesAsync(firstPart, (await File.ReadAllLinesAsync(file)).Take(2));
        (await CliRunner.RunAsync(Target("import", "file", firstPart, "--report", Report))).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", "fail", "--resume", Report));

        result.ExitCode.Should().Be(2, result.Error);
        result.LastLine.Should().StartWith("imported 1, skipped 0, failed 1 in ");
        result.Error.Should().Contain("line 4: failed: 409");
        (await OutcomesAsync())["line 4"].Should().Be("failed");
        (await EmailsAsync()).Should().BeEquivalentTo("ann@example.com", "bob@example.com", "cid@example.com");
    }

    [Fact]
    public async Task An_identity_present_before_the_run_fails_under_fail_when_resuming()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, [Item("ann@example.com"), Item("bob@example.com")]);
        // bob was imported by someone else, without this report.
        var other = _dir.File("other.jsonl");
        await File.WriteAllLinesAsync(other, [Item("bob@example.com")]);
        (await CliRunner.RunAsync(Target("import", "file", other))).ExitCode.Should().Be(0);
        await File.WriteAllLinesAsync(_dir.File("first.jsonl"), [Item("ann@example.com")]);
        (await CliRunner.RunAsync(Target("import", "file", _dir.File("first.jsonl"), "--report", Report))).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync(Target("import", "file", file, "--on-conflict", "fail", "--resume", Report));

        result.ExitCode.Should().Be(2, result.Error);
        result.LastLine.Should().StartWith("imported 0, skipped 0, failed 1 in ");
        (await OutcomesAsync())["line 2"].Should().Be("failed");
    }

    // An import whose process dies right after the target wrote its batch, before the outcomes reach the report.
    private async Task RunStoppedAfterTheWriteAsync(string file)
    {
        await using var connection = TargetConnection.Open(new TargetOptions { Sqlite = Db, Schemas = ["default=" + StoredIdentities.SchemaPath] });
        await using var report = ImportReport.Open(Report);
        var run = new ImportRun(new StopsAfterWriting(connection.Importer), report, ResumeState.None, ConflictPolicy.Fail,
            ImportProgress.Create(ProgressMode.None, TextWriter.Null, false, () => null));
        await using var stream = File.OpenRead(file);

        var stopped = () => run.RunAsync(new JsonItemSource(stream, stream.Length), CancellationToken.None);

        await stopped.Should().ThrowAsync<IOException>();
    }

    private async Task<Dictionary<string, string>> OutcomesAsync() =>
        (await File.ReadAllLinesAsync(Report)).Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(e => e.GetProperty("source").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last().GetProperty("status").GetString()!);

    private async Task<List<string?>> EmailsAsync()
    {
        await using var stored = StoredIdentities.Sqlite(Db);
        return (await stored.AllAsync()).Select(i => i.Traits.GetProperty("email").GetString()).ToList();
    }

    public void Dispose() => _dir.Dispose();

    private sealed class StopsAfterWriting(IImportTarget inner) : IImportTarget
    {
        public async Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
        {
            await inner.CreateAsync(batch, cancellationToken);
            throw new IOException("The process was killed.");
        }
    }
}
