using System.Diagnostics;
using System.Globalization;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Session token and API key authentication in one process, measured in CPU time rather than wall time: on a shared,
/// busy machine a thread waits for a core far longer than it runs, so wall-clock benchmarks measure the queue. Runs
/// <see cref="SessionBenchmarks.AuthenticateAsync"/> and <see cref="ApiKeyBenchmarks.AuthenticateAsync"/> (with their
/// raw baselines) in alternating rounds and prints the median CPU time per call and the calls per CPU-second (one core).
/// </summary>
internal static class AuthenticationCpuRuns
{
    /// <summary>The command-line switch: <c>--auth-cpu &lt;rounds&gt; &lt;calls per round&gt;</c>.</summary>
    public const string Switch = "--auth-cpu";

    public static void Run(int rounds, int calls)
    {
        var sessions = new SessionBenchmarks();
        var keys = new ApiKeyBenchmarks();
        sessions.Setup();
        keys.Setup();
        try
        {
            (string Name, Func<bool> Call)[] cases =
            [
                ("session: ISessionManager.AuthenticateAsync", () => sessions.AuthenticateAsync().GetAwaiter().GetResult()),
                ("session baseline: HMAC-SHA256 + lookup", sessions.Raw_HmacAndLookup),
                ("API key: IApiKeyManager.AuthenticateAsync", () => keys.AuthenticateAsync().AsTask().GetAwaiter().GetResult()),
                ("API key baseline: lookup + HMAC-SHA256", keys.Raw_LookupAndHmac),
            ];
            foreach (var (_, call) in cases)
            {
                Measure(call, calls); // Warm-up: tiered compilation settles.
            }

            var samples = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < cases.Length; i++)
                {
                    var at = (i + round) % cases.Length; // Rotates the order so no case always runs first.
                    samples[at].Add(Measure(cases[at].Call, calls));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"authentication CPU time: {rounds} rounds x {calls} calls per case, {Environment.ProcessorCount} cores, load average {RecoveryTimingRuns.LoadAverage()} at the end"));
            Console.WriteLine("| case | median CPU ns/call | min | max | calls per CPU-second |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                var sorted = samples[i].Order().ToArray();
                var median = sorted[sorted.Length / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {cases[i].Name} | {median:F0} | {sorted[0]:F0} | {sorted[^1]:F0} | {1e9 / median:N0} |"));
            }
        }
        finally
        {
            sessions.Cleanup();
            keys.Cleanup();
        }
    }

    // CPU nanoseconds per call of the whole process (one benchmark thread; the runtime's own threads count too).
    private static double Measure(Func<bool> call, int calls)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            if (!call())
            {
                throw new InvalidOperationException("A benchmark credential did not authenticate.");
            }
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalNanoseconds / calls;
    }
}
