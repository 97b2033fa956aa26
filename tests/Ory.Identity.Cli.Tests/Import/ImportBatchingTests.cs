using System.Text;
using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Tests.Import;

public sealed class ImportBatchingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Hashed(int i) =>
        "{\"traits\":{\"email\":\"user" + i + "@example.com\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + FakeBcrypt(i) + "\"}}}}";

    // A well-formed bcrypt hash (cost 4) that no password matches: accepted by the importer, never verified.
    internal static string FakeBcrypt(int i) => "$2a$04$" + i.ToString("D22", System.Globalization.CultureInfo.InvariantCulture) + new string('A', 31);

    private static string Cleartext(int i) =>
        "{\"traits\":{\"email\":\"user" + i + "@example.com\"},\"credentials\":{\"password\":{\"config\":{\"password\":\"Passw0rd-" + i + "-long-enough\"}}}}";

    [Fact]
    public async Task Batches_hold_at_most_the_core_limit_of_items_and_fewer_once_an_item_has_a_cleartext_password()
    {
        var lines = Enumerable.Range(0, 2345).Select(Hashed).ToList();
        lines[2100] = Cleartext(2100);

        var sizes = await BatchSizesAsync(lines);

        // Item 2100 is the 101st of the third batch: that batch closes at 200 items.
        sizes.Should().Equal(IdentityBatchLimits.MaxItems, IdentityBatchLimits.MaxItems, IdentityBatchLimits.MaxCleartextPasswords, 145);
    }

    [Fact]
    public async Task Cleartext_passwords_go_in_batches_of_200()
    {
        var sizes = await BatchSizesAsync(Enumerable.Range(0, 450).Select(Cleartext).ToList());

        sizes.Should().Equal(200, 200, 50);
    }

    [Fact]
    public async Task More_than_200_cleartext_passwords_are_imported_into_sqlite_in_batches_of_200_and_every_password_verifies()
    {
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 230).Select(Cleartext));
        // A cheap hasher, so that 230 hashes take no time: Argon2id with 64 KiB.
        await File.WriteAllTextAsync(_dir.File("kratos.yml"), $"""
            identity:
              default_schema_id: default
              schemas:
                - id: default
                  url: file://{StoredIdentities.SchemaPath}
            hashers:
              algorithm: argon2
              argon2:
                memory: 64KB
                iterations: 1
                parallelism: 1
            """);

        var result = await CliRunner.RunAsync("import", "file", file, "--sqlite", _dir.File("identities.db"), "--config", _dir.File("kratos.yml"), "--progress", "none");

        result.ExitCode.Should().Be(0, result.Error);
        result.LastLine.Should().StartWith("imported 230, skipped 0, failed 0 in ");
        await using var stored = StoredIdentities.Sqlite(_dir.File("identities.db"));
        var all = await stored.AllAsync();
        // One CreateManyAsync stamps its whole batch with one instant: the batches, as stored.
        all.GroupBy(i => i.CreatedAt).Select(g => g.Count()).Order().Should().Equal(30, 200);
        (await stored.Identities.VerifyPasswordAsync("user0@example.com", "Passw0rd-0-long-enough")).Succeeded.Should().BeTrue();
        (await stored.Identities.VerifyPasswordAsync("user229@example.com", "Passw0rd-229-long-enough")).Succeeded.Should().BeTrue();
    }

    // Runs the import pipeline over JSON Lines into a target that records each batch's size and creates nothing.
    private static async Task<List<int>> BatchSizesAsync(List<string> lines)
    {
        var target = new RecordingTarget();
        await using var report = ImportReport.Open(null);
        var progress = ImportProgress.Create(ProgressMode.None, TextWriter.Null, false, () => null);
        var run = new ImportRun(target, report, ResumeState.None, ConflictPolicy.Skip, progress);
        await run.RunAsync(new JsonItemSource(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), null), CancellationToken.None);
        run.Totals.Imported.Should().Be(lines.Count);
        return target.Sizes;
    }

    private sealed class RecordingTarget : IImportTarget
    {
        public List<int> Sizes { get; } = [];

        public Task<IReadOnlyList<ImportOutcome>> CreateAsync(IReadOnlyList<PreparedItem> batch, CancellationToken cancellationToken)
        {
            Sizes.Add(batch.Count);
            return Task.FromResult<IReadOnlyList<ImportOutcome>>(batch.Select(i => ImportOutcome.Created(i.Item.Source, Guid.NewGuid())).ToList());
        }
    }

    public void Dispose() => _dir.Dispose();
}
