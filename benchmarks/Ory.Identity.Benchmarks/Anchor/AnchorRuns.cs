using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// Ory.Identity's <see cref="IIdentityManager"/> beside ASP.NET Core Identity's <c>UserManager&lt;IdentityUser&gt;</c> over
/// <c>AddEntityFrameworkStores</c> on the same engine, in one process, in interleaved rounds: create (a new email, no
/// password), find by email, verify a password, a page of <see cref="PageSize"/> from the middle of the seeded users,
/// delete; creates with 1, 2 (and on PostgreSQL 16) concurrent writers and finds with 1 and 2, each for a fixed time.
/// Prints, per operation, the median throughput of each side and the median of the per-round ratios.
/// </summary>
/// <remarks>
/// Every round measures each case on both sides back to back, in alternating order (neither side always goes first),
/// and the ratio is taken within the round, so the load of a shared machine falls on both alike. Beside them, the
/// floors each side cannot go below: one bcrypt-12 verify, one PBKDF2 verify (Identity's v3 hash), a bare SELECT of a
/// page of stored documents, and on PostgreSQL a bare one-row INSERT (one round trip and one commit's WAL flush).
/// </remarks>
internal static class AnchorRuns
{
    /// <summary>The command-line switch: <c>--anchor memory|sqlite|postgres &lt;rounds&gt; [seeded users] [seconds per case]</c>.</summary>
    public const string Switch = "--anchor";

    /// <summary>The password of every seeded user.</summary>
    public const string Password = "correct horse battery staple";

    public const int PageSize = 250;

    // Consecutive finds visit users this far apart, so they do not read the same index pages.
    private const int Stride = 7_919;

    public static void Run(string engineName, int rounds, int seeded, double seconds)
    {
        var loadBefore = RecoveryTimingRuns.LoadAverage();
        using var engine = AnchorEngine.Create(engineName);
        using var ory = new OryAnchorSide(engine);
        using var userManager = new UserManagerAnchorSide(engine);
        var emails = Emails.Fresh(seeded);
        var seed = Stopwatch.StartNew();
        ory.Seed(emails, ImportBenchmarks.Hash);
        var orySeed = seed.Elapsed;
        userManager.Seed(emails);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {seeded:N0} users: Ory.Identity (CreateManyAsync) {orySeed.TotalSeconds:F1} s, UserManager side (the DbContext's AddRange; in memory CreateAsync) {(seed.Elapsed - orySeed).TotalSeconds:F1} s"));
        engine.Settle();

        var duration = TimeSpan.FromSeconds(seconds);
        var next = 0;
        string NextEmail() => emails[(int)((uint)Interlocked.Add(ref next, Stride) % (uint)seeded)];
        var created = new Dictionary<IAnchorSide, ConcurrentQueue<string>> { [ory] = new(), [userManager] = new() };

        var cases = new List<(string Name, int Workers, Func<IAnchorSide, Func<Task>> Operation, Func<IAnchorSide, bool>? More)>();
        foreach (var writers in engine.CreateWriters)
        {
            cases.Add(($"create, {writers} writer{(writers == 1 ? "" : "s")}", writers,
                side => async () => created[side].Enqueue(await side.CreateAsync(Emails.Fresh(1)[0])), null));
        }

        foreach (var threads in new[] { 1, 2 })
        {
            var name = $"{threads} thread{(threads == 1 ? "" : "s")}";
            cases.Add(($"find by email, {name} (Ory.Identity: ListAsync)", threads, side => () => side.FindByEmailAsync(NextEmail()), null));
            cases.Add(($"find by email, {name} (Ory.Identity: FindByCredentialsIdentifierAsync)", threads,
                side => side is OryAnchorSide direct ? () => direct.FindDirectAsync(NextEmail()) : () => side.FindByEmailAsync(NextEmail()), null));
        }

        if (engine.RunsEveryOperation)
        {
            cases.Add(("verify password (each side's default hash)", 1, side => () => side.VerifyPasswordAsync(NextEmail()), null));
            cases.Add(($"page of {PageSize} from the middle", 1, side => side.ReadPageAsync, null));
            cases.Add(($"page of {PageSize} from the middle (Ory.Identity: ListJsonAsync, the answer's JSON)", 1,
                side => side is OryAnchorSide json ? json.ReadPageJsonAsync : side.ReadPageAsync, null));
            cases.Add(("delete (one made by create)", 1, side => () => side.DeleteAsync(created[side].TryDequeue(out var id) ? id : throw new InvalidOperationException("Nothing left to delete.")),
                side => !created[side].IsEmpty));
        }

        // ORY_ANCHOR_CASES=<text>[|<text>…] keeps only the cases whose name contains one of them (to profile or rerun a few).
        if (Environment.GetEnvironmentVariable("ORY_ANCHOR_CASES") is { Length: > 0 } only)
        {
            var kept = only.Split('|');
            cases.RemoveAll(c => !kept.Any(k => c.Name.Contains(k, StringComparison.Ordinal)));
        }

        var floors = Floors(engine, ory, NextEmail);
        foreach (var (_, workers, operation, more) in cases)
        {
            foreach (var side in new IAnchorSide[] { ory, userManager })
            {
                Throughput(workers, TimeSpan.FromSeconds(Math.Min(seconds, 1)), operation(side), more is null ? null : () => more(side)); // Warm-up.
            }
        }

        var results = cases.Select(_ => (Ory: new List<double>(), UserManager: new List<double>(), Ratio: new List<double>(),
            OryCpu: new List<double>(), UserManagerCpu: new List<double>())).ToArray();
        var floorResults = floors.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var (_, workers, operation, more) = cases[i];
                IAnchorSide[] order = round % 2 == 0 ? [ory, userManager] : [userManager, ory];
                var measured = new Dictionary<IAnchorSide, (double PerSecond, double CpuMicroseconds)>();
                foreach (var side in order)
                {
                    measured[side] = Throughput(workers, duration, operation(side), more is null ? null : () => more(side));
                }

                results[i].Ory.Add(measured[ory].PerSecond);
                results[i].UserManager.Add(measured[userManager].PerSecond);
                results[i].Ratio.Add(measured[ory].PerSecond / measured[userManager].PerSecond);
                results[i].OryCpu.Add(measured[ory].CpuMicroseconds);
                results[i].UserManagerCpu.Add(measured[userManager].CpuMicroseconds);
            }

            for (var i = 0; i < floors.Count; i++)
            {
                floorResults[i].Add(Throughput(1, duration, floors[i].Operation, null).PerSecond);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds} done, load average {RecoveryTimingRuns.LoadAverage()}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"anchor, {engine.Name}: {rounds} rounds of {seconds:F1} s per case and side, {seeded:N0} users seeded per side, {Environment.ProcessorCount} cores, load average {loadBefore} before, {RecoveryTimingRuns.LoadAverage()} after"));
        Console.WriteLine();
        Console.WriteLine("| operation | Ory.Identity ops/s (median) | UserManager ops/s (median) | Ory.Identity / UserManager (median of rounds) | lowest–highest round | process CPU µs/op: Ory.Identity | UserManager |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < cases.Count; i++)
        {
            var ratios = results[i].Ratio.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {cases[i].Name} | {Rate(Median(results[i].Ory))} | {Rate(Median(results[i].UserManager))} | **{Median(results[i].Ratio):F2}×** | {ratios[0]:F2}–{ratios[^1]:F2}× | {Median(results[i].OryCpu):N0} | {Median(results[i].UserManagerCpu):N0} |"));
        }

        if (floors.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| floor (1 thread) | ops/s (median) |");
            Console.WriteLine("|---|---:|");
            for (var i = 0; i < floors.Count; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {floors[i].Name} | {Rate(Median(floorResults[i]))} |"));
            }
        }

        if (engine is PostgreSqlAnchorEngine postgres)
        {
            PostgreSqlCreateCounts.Print(postgres, ory, userManager, emails);
        }
    }

    /// <summary>Reads every row's first column as a string; returns the number of rows.</summary>
    public static async Task<int> ReadStringsAsync(DbDataReader reader)
    {
        await using (reader)
        {
            var rows = 0;
            while (await reader.ReadAsync())
            {
                Emails.Check(reader.GetString(0).Length > 0, "a stored document");
                rows++;
            }

            return rows;
        }
    }

    private static List<(string Name, Func<Task> Operation)> Floors(AnchorEngine engine, OryAnchorSide ory, Func<string> nextEmail)
    {
        var floors = new List<(string Name, Func<Task> Operation)>();
        if (!engine.RunsEveryOperation)
        {
            return floors;
        }

        var pbkdf2 = new PasswordHasher<IdentityUser>();
        var pbkdf2Hash = pbkdf2.HashPassword(new IdentityUser(), Password);
        floors.Add(("bcrypt cost 12: BCrypt.Verify alone (Ory.Identity's hash)", () =>
        {
            Emails.Check(BCrypt.Net.BCrypt.Verify(Password, ImportBenchmarks.Hash), "bcrypt verifies");
            return Task.CompletedTask;
        }));
        floors.Add(("PBKDF2-HMAC-SHA512, 100,000 iterations: PasswordHasher.VerifyHashedPassword alone (Identity's v3 hash)", () =>
        {
            Emails.Check(pbkdf2.VerifyHashedPassword(new IdentityUser(), pbkdf2Hash, Password) == PasswordVerificationResult.Success, "PBKDF2 verifies");
            return Task.CompletedTask;
        }));
        if (engine.BarePage is { } barePage)
        {
            floors.Add(($"bare SELECT of {PageSize} documents after the middle id (Ory.Identity's table, no model)", async () =>
                Emails.Check(await barePage(ory.Middle) == PageSize, "a full bare page")));
        }

        if (engine.BareFind is { } bareFind)
        {
            floors.Add(("bare SELECT of one document by email (the store's prepared find statement, no model, no scope)", async () =>
                Emails.Check(await bareFind(nextEmail()) == 1, "a bare find")));
        }

        if (engine is PostgreSqlAnchorEngine postgres)
        {
            floors.Add(("bare one-row INSERT, autocommit (one round trip, one WAL flush)", PostgreSqlCreateCounts.CommitFloor(postgres)));
        }

        return floors;
    }

    // Runs `operation` on `workers` concurrent loops for `duration` (or until `more` says stop): operations per second,
    // and this process's CPU time per operation in µs (all its threads; a database server's own CPU is not in it).
    private static (double PerSecond, double CpuMicroseconds) Throughput(int workers, TimeSpan duration, Func<Task> operation, Func<bool>? more)
    {
        long count = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            long done = 0;
            while (clock.Elapsed < duration && (more?.Invoke() ?? true))
            {
                await operation();
                done++;
            }

            Interlocked.Add(ref count, done);
        })).ToArray();
        Task.WaitAll(loops);
        var elapsed = clock.Elapsed;
        process.Refresh();
        return (count / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / Math.Max(count, 1));
    }

    // Operations per second: whole numbers, with one decimal below 100 (password hashes run a few per second).
    private static string Rate(double perSecond) =>
        perSecond.ToString(perSecond < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
