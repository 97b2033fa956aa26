using System.Diagnostics;
using System.Globalization;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// The in-memory store's benchmarks in one process, measured in CPU time rather than wall time (see
/// <see cref="AuthenticationCpuRuns"/>: on a busy shared machine wall time measures the run queue): a create through
/// the manager beside <c>UserManager.CreateAsync</c> (5,000 per fresh host, as <see cref="CreateBenchmarks"/>), the
/// store's insert alone (as <see cref="BreakdownBenchmarks.Store_InsertAsync"/>) and every case of
/// <see cref="InMemoryStoreBenchmarks"/>, in rotating order, round after round. Prints the median CPU time per operation.
/// </summary>
/// <remarks>
/// To compare two builds of the store, run the same binary built from each in alternation
/// (<c>--store-cpu 5</c> a few times each), so that the machine's load falls on both alike.
/// </remarks>
internal static class StoreCpuRuns
{
    /// <summary>The command-line switch: <c>--store-cpu &lt;rounds&gt;</c>.</summary>
    public const string Switch = "--store-cpu";

    private const int Calls = 20_000;

    public static void Run(int rounds)
    {
        var create = new CreateBenchmarks();
        var breakdown = new BreakdownBenchmarks();
        var store = new InMemoryStoreBenchmarks();
        breakdown.Setup();
        store.Setup();
        try
        {
            (string Name, Func<double> Measure)[] cases =
            [
                ("create: IIdentityManager.CreateAsync", () => PerFreshHost(create.SetupOry, () => create.OryIdentity_CreateAsync(), create.Cleanup, CreateBenchmarks.Ops)),
                ("create baseline: UserManager.CreateAsync", () => PerFreshHost(create.SetupUserManager, () => create.UserManager_CreateAsync(), create.Cleanup, CreateBenchmarks.Ops)),
                ("store: InsertAsync (5,000 into a fresh store)", () => PerFreshHost(breakdown.SetupInsert, () => breakdown.Store_InsertAsync(), breakdown.CleanupFresh, BreakdownBenchmarks.Ops)),
                ("store: FindByCredentialsIdentifierAsync", () => Repeat(() => store.FindByCredentialsIdentifierAsync().AsTask().GetAwaiter().GetResult())),
                ("store: FindByAddressAsync", () => Repeat(() => store.FindByAddressAsync().AsTask().GetAwaiter().GetResult())),
                ("store: ListAsync(CredentialsIdentifiers)", () => Repeat(() => store.ListAsync_CredentialsIdentifiers().AsTask().GetAwaiter().GetResult())),
                ("store: ListAsync page of 250", () => Repeat(() => store.ListAsync_Page250().AsTask().GetAwaiter().GetResult(), Calls / 50)),
                ("store: UpdateAsync, same unique values", () => Repeat(() => store.UpdateAsync_SameKeys().AsTask().GetAwaiter().GetResult())),
                ("store: UpdateAsync, new e-mail", () => Repeat(() => store.UpdateAsync_NewEmail().AsTask().GetAwaiter().GetResult())),
                ("store: DeleteAsync + InsertAsync", () => Repeat(() => store.DeleteAsync_ThenInsertAsync().GetAwaiter().GetResult())),
                ("store: InsertManyAsync of 1,000 + deletes", () => Repeat(() => store.InsertManyAsync_ThenDeleteAsync().GetAwaiter().GetResult(), 5) / InMemoryStoreBenchmarks.Batch),
            ];
            foreach (var (_, measure) in cases)
            {
                for (var i = 0; i < 10; i++)
                {
                    measure(); // Warm-up: tiered compilation settles.
                }
            }

            var samples = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < cases.Length; i++)
                {
                    var at = (i + round) % cases.Length; // Rotates the order so no case always runs first.
                    samples[at].Add(cases[at].Measure());
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in-memory store CPU time: {rounds} rounds, {Environment.ProcessorCount} cores, load average {RecoveryTimingRuns.LoadAverage()} at the end"));
            Console.WriteLine("| case | median CPU ns/op | min | max |");
            Console.WriteLine("|---|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                var sorted = samples[i].Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {cases[i].Name} | {sorted[sorted.Length / 2]:F0} | {sorted[0]:F0} | {sorted[^1]:F0} |"));
            }
        }
        finally
        {
            breakdown.Cleanup();
            store.Cleanup();
        }
    }

    // Sets up a fresh host, then measures one invocation of `operations` operations.
    private static double PerFreshHost(Action setup, Func<Task> invoke, Action cleanup, int operations)
    {
        setup();
        try
        {
            return Cpu(() => invoke().GetAwaiter().GetResult()) / operations;
        }
        finally
        {
            cleanup();
        }
    }

    private static double Repeat(Action call, int calls = Calls) => Cpu(() =>
    {
        for (var i = 0; i < calls; i++)
        {
            call();
        }
    }) / calls;

    // CPU nanoseconds of the whole process while `run` runs (one benchmark thread; the runtime's own threads count too).
    private static double Cpu(Action run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        run();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalNanoseconds;
    }
}
