using System.Diagnostics;
using System.Globalization;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// <see cref="LookupBenchmarks"/> in one process, measured in CPU time rather than wall time (see
/// <see cref="AuthenticationCpuRuns"/>: on a busy shared machine wall time measures the run queue), with the bytes each
/// call allocates: every lookup and its baseline <c>UserManager.FindByEmailAsync</c> in rotating order, round after
/// round. Prints the median CPU time per call, its ratio to the baseline's median, and the allocation per call.
/// </summary>
internal static class LookupCpuRuns
{
    /// <summary>The command-line switch: <c>--lookup-cpu &lt;rounds&gt; &lt;calls per round&gt;</c>.</summary>
    public const string Switch = "--lookup-cpu";

    public static void Run(int rounds, int calls)
    {
        var lookups = new LookupBenchmarks();
        lookups.Setup();
        try
        {
            (string Name, Action Call)[] cases =
            [
                ("baseline: UserManager.FindByEmailAsync", () => lookups.UserManager_FindByEmailAsync().GetAwaiter().GetResult()),
                ("IIdentityManager.ListAsync(CredentialsIdentifier)", () => lookups.OryIdentity_ListAsync_CredentialsIdentifier().GetAwaiter().GetResult()),
                ("IIdentityManager.FindByCredentialsIdentifierAsync(email)", () => Completed(lookups.OryIdentity_FindByCredentialsIdentifierAsync())),
                ("IIdentityManager.FindByCredentialsIdentifierAsync(email, Password)", () => Completed(lookups.OryIdentity_FindByCredentialsIdentifierAsync_Password())),
                ("IIdentityStore.FindByCredentialsIdentifierAsync", () => Completed(lookups.Store_FindByCredentialsIdentifierAsync())),
            ];
            var bytes = new double[cases.Length];
            for (var i = 0; i < cases.Length; i++)
            {
                Measure(cases[i].Call, calls); // Warm-up: tiered compilation settles.
                bytes[i] = Measure(cases[i].Call, calls).Bytes;
            }

            var samples = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < cases.Length; i++)
                {
                    var at = (i + round) % cases.Length; // Rotates the order so no case always runs first.
                    samples[at].Add(Measure(cases[at].Call, calls).CpuNanoseconds);
                }
            }

            var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lookup CPU time: {rounds} rounds x {calls} calls per case, {Environment.ProcessorCount} cores, load average {RecoveryTimingRuns.LoadAverage()} at the end"));
            Console.WriteLine("| case | median CPU ns/call | min | max | ratio to baseline | lookups per CPU-second | bytes allocated/call |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {cases[i].Name} | {medians[i]:F0} | {samples[i].Min():F0} | {samples[i].Max():F0} | {medians[i] / medians[0]:F2} | {1e9 / medians[i]:N0} | {bytes[i]:F0} |"));
            }
        }
        finally
        {
            lookups.Cleanup();
        }
    }

    // The in-memory lookups complete synchronously; reading the result without AsTask() allocates nothing extra.
    private static Identity? Completed(ValueTask<Identity?> lookup) =>
        lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("An in-memory lookup did not complete synchronously.");

    // CPU nanoseconds of the whole process per call (one benchmark thread; the runtime's own threads count too), and the
    // bytes this thread allocated per call.
    private static (double CpuNanoseconds, double Bytes) Measure(Action call, int calls)
    {
        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalNanoseconds / calls;
        return (cpu, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)calls);
    }
}
