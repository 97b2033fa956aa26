using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Targets;
using static Ory.Identity.Cli.Tests.Import.ImportFileTests;

namespace Ory.Identity.Cli.Tests.Targets;

/// <summary>
/// Differential test of the library target's prepare step: batches prepared ahead (<see cref="LibraryImportTarget.PrepareAsync"/>,
/// the next one before the previous one is written, as the import run does) give the same outcomes and stored state as
/// the same batches created one after the other (<see cref="LibraryImportTarget.CreateAsync"/>).
/// </summary>
public sealed class LibraryImportTargetStagedTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Exported(Guid id, string email) =>
        $$"""{"id":"{{id}}","schema_id":"default","traits":{"email":"{{email}}"},"state":"active","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}""";

    // Every kind of outcome a batch can have: created, refused by validation (unknown schema, invalid trait), a clash
    // with an identity stored before, with an item of the same batch and with one of the previous batch; a batch refused
    // as a whole (an unknown hash format: retried one by one); a batch mixing an exported identity with create bodies.
    private static readonly string[][] Batches =
    [
        [Item("ann@example.com", externalId: "u-1"), Item("ghost@example.com", schema: "nope"), Item("stored@example.com"),
            Item("bob@example.com"), Item("bob@example.com"), Item("not-an-email")],
        [Item("ann@example.com"), Item("cid@example.com", externalId: "u-1"), Item("dan@example.com", hash: null)],
        [Item("eve@example.com"), Item("evil@example.com", hash: "$evil$" + new string('A', 200)), Item("fay@example.com")],
        [Exported(Guid.Parse("0190a7c4-0000-7000-8000-000000000001"), "gus@example.com"), Item("hal@example.com"), Item("gus@example.com")],
    ];

    [Fact]
    public async Task Batches_prepared_ahead_give_the_outcomes_and_stored_state_of_batches_created_one_after_the_other()
    {
        await using var created = await StoreAsync("created.db");
        await using var staged = await StoreAsync("staged.db");

        var expected = new List<ImportOutcome>();
        foreach (var batch in Batches)
        {
            expected.AddRange(await created.Target.CreateAsync(Prepared(batch), CancellationToken.None));
        }

        // The import run's order: batch N+1 is prepared before batch N is written.
        var actual = new List<ImportOutcome>();
        var next = await staged.Target.PrepareAsync(Prepared(Batches[0]), CancellationToken.None);
        for (var i = 0; i < Batches.Length; i++)
        {
            var write = next;
            if (i + 1 < Batches.Length)
            {
                next = await staged.Target.PrepareAsync(Prepared(Batches[i + 1]), CancellationToken.None);
            }

            actual.AddRange(await write(CancellationToken.None));
        }

        Comparable(actual).Should().Equal(Comparable(expected));
        expected.Select(o => o.Status).Should().Contain([ImportStatus.Created, ImportStatus.Failed]);
        expected.Count(o => o.Error is { Code: 409 }).Should().Be(4, "the stored, same-batch, previous-batch and external-id clashes");
        (await StoredAsync(staged)).Should().Equal(await StoredAsync(created));
    }

    [Fact]
    public async Task A_batch_the_prepare_step_refuses_as_a_whole_stores_nothing_until_its_write_step_runs()
    {
        await using var staged = await StoreAsync("refused.db");

        var write = await staged.Target.PrepareAsync(Prepared(Batches[2]), CancellationToken.None);
        (await StoredAsync(staged)).Should().Equal("stored@example.com");

        var outcomes = await write(CancellationToken.None);

        outcomes.Select(o => o.Status).Should().Equal(ImportStatus.Created, ImportStatus.Failed, ImportStatus.Created);
        outcomes[1].Error!.Reason.Should().Be("The imported password does not match any known hash format.");
    }

    private static List<PreparedItem> Prepared(string[] lines) =>
        lines.Select((line, i) =>
        {
            var item = new ImportItem("line " + (i + 1), Encoding.UTF8.GetBytes(line));
            return ExportedIdentityJson.IsExported(item.Json!)
                ? new PreparedItem(item, null, OryIdentityJson.Deserialize<Identity>(item.Json!))
                : new PreparedItem(item, OryIdentityJson.Deserialize<CreateIdentityRequest>(item.Json!));
        }).ToList();

    // Outcomes without the new identities' ids, which differ between two stores.
    private static List<(string, ImportStatus, bool, OryError?)> Comparable(List<ImportOutcome> outcomes) =>
        outcomes.Select(o => (o.Source, o.Status, o.IdentityId is not null, o.Error)).ToList();

    private static async Task<List<string>> StoredAsync(Store store) =>
        (await store.Identities.ListAllAsync(new IdentityListQuery()).ToListAsync())
            .Select(i => i.Traits.GetProperty("email").GetString() + (i.ExternalId is { } e ? " " + e : string.Empty))
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<Store> StoreAsync(string file)
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
        {
            o.Identity.DefaultSchemaId = "default";
            o.Identity.Schemas.Add(new IdentitySchemaOptions { Id = "default", Url = "file://" + StoredIdentities.SchemaPath });
            o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
        }).UseSqliteStorage("Data Source=" + _dir.File(file));
        var provider = services.BuildServiceProvider();
        var store = new Store(provider);
        await store.Identities.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(Encoding.UTF8.GetBytes(Item("stored@example.com"))));
        return store;
    }

    public void Dispose() => _dir.Dispose();

    private sealed class Store(ServiceProvider services) : IAsyncDisposable
    {
        public IIdentityManager Identities => services.GetRequiredService<IIdentityManager>();

        public LibraryImportTarget Target { get; } = new(services.GetRequiredService<IIdentityManager>(), IdentityRestorer.Create(services));

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
