using System.Globalization;
using Microsoft.Data.Sqlite;
using Ory.Identity.Fuzz.Tests.Report;
using Ory.Identity.Fuzz.Tests.Server;
using Ory.Identity.Storage.PostgreSql.Tests;
using Xunit.Abstractions;

namespace Ory.Identity.Fuzz.Tests;

/// <summary>
/// Malformed and hostile requests against every endpoint of both APIs of the QuickStart, on each store: no answer of
/// 500 or above, every error is Kratos's JSON error, refused requests leave the store byte-identical, the server stays
/// up. The settings (seed, cases, budget) come from <see cref="FuzzSettings"/>; the report of every run is written to
/// the test output, and a run with new failures fails with it.
/// </summary>
public sealed class HostileRequestFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hostile_requests_on_the_in_memory_store_get_kratos_errors_and_change_nothing()
    {
        await using var server = FuzzServer.Start(FuzzStore.InMemory);
        await RunAsync(server);
    }

    [Fact]
    public async Task Hostile_requests_on_the_sqlite_store_get_kratos_errors_and_change_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ory-identity-fuzz-{Guid.NewGuid():N}.db");
        try
        {
            await using var server = FuzzServer.Start(FuzzStore.Sqlite, sqliteFile: file);
            await RunAsync(server);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [PostgresFact]
    public async Task Hostile_requests_on_the_postgresql_store_get_kratos_errors_and_change_nothing()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await using var server = FuzzServer.Start(FuzzStore.PostgreSql, postgres: database.ConnectionString);
            await RunAsync(server);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private async Task RunAsync(FuzzServer server)
    {
        var settings = FuzzSettings.FromEnvironment();
        var outcome = await new FuzzRun(server, settings).RunAsync();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Fuzz {server.Store}: ORY_FUZZ_SEED={settings.Seed}, {outcome.CasesRun} of {settings.Cases} cases in {outcome.Elapsed.TotalSeconds:F1} s ({outcome.StoreReading.TotalSeconds:F1} s reading the store)" +
            $"{(outcome.StoppedByBudget ? $" (stopped by the {settings.Budget.TotalSeconds:F0} s budget)" : string.Empty)}; " +
            $"{outcome.Failures.Count} failures.");
        var report = FailureReport.Of(summary, outcome.Failures);
        output.WriteLine(report);

        // The count, not the list: the failures hold the requests' secrets, and only the report redacts them.
        outcome.Failures.Count.Should().Be(0, report);
        outcome.CasesRun.Should().BeGreaterThanOrEqualTo(Math.Min(settings.Cases, 100), "a run that fuzzes almost nothing proves nothing");
    }
}
