using System.Diagnostics;
using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Import;

/// <summary>The tool as a user runs it (<c>dotnet ory-identity.dll</c>), killed mid-import and resumed.</summary>
public sealed class InterruptedImportTests : IDisposable
{
    private const int Users = 20_000;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_run_killed_mid_import_and_resumed_ends_with_every_source_user_present_exactly_once()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, Users).Select(i =>
            "{\"traits\":{\"email\":\"user" + i + "@example.com\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6\"}}}}"));
        var db = _dir.File("identities.db");
        var report = _dir.File("report.jsonl");
        string[] target = ["--sqlite", db, "--schema", "default=" + StoredIdentities.SchemaPath, "--progress", "none"];

        // The killed run reads standard input, fed here at the test's pace, so the kill lands mid-run whatever the
        // machine's speed: after 5 batches are reported and while 300 more lines are read but not yet written.
        var lines = await File.ReadAllLinesAsync(file);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ToolDll, "import", "file", "-", "--report", report, .. target])
        {
            start.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(start)!)
        {
            foreach (var line in lines.Take(5300))
            {
                await process.StandardInput.WriteLineAsync(line);
            }

            await process.StandardInput.FlushAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!process.HasExited && DateTime.UtcNow < deadline && (!File.Exists(report) || File.ReadLines(report).Count() < 5000))
            {
                await Task.Delay(20);
            }

            if (process.HasExited)
            {
                Assert.Fail("The import must still be running when it is killed: " + await process.StandardError.ReadToEndAsync());
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var reported = File.ReadLines(report).Count();
        reported.Should().Be(5000);

        var resumed = await CliRunner.RunAsync(["import", "file", file, "--resume", report, .. target]);

        resumed.ExitCode.Should().Be(0, resumed.Error);
        await using var stored = StoredIdentities.Sqlite(db);
        var emails = (await stored.AllAsync()).Select(i => i.Traits.GetProperty("email").GetString()).ToList();
        emails.Should().HaveCount(Users).And.OnlyHaveUniqueItems();
        var done = File.ReadLines(report).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("status").GetString() is "created" or "skipped")
            .Select(e => e.GetProperty("source").GetString()).Distinct().Count();
        done.Should().Be(Users);
    }

    // The tool's own build output (tests/<this>/bin/<configuration>/<tfm>/ → src/Ory.Identity.Cli/bin/<configuration>/<tfm>/):
    // the copy in this folder runs with the test's framework-dependent assemblies missing.
    private static string ToolDll
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = tfm.Parent!;
            var repository = configuration.Parent!.Parent!.Parent!.Parent!;
            return Path.Combine(repository.FullName, "src", "Ory.Identity.Cli", "bin", configuration.Name, tfm.Name, "ory-identity.dll");
        }
    }

    public void Dispose() => _dir.Dispose();
}
