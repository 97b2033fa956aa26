using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Runs the two create benchmarks in alternation, one launch each per round, and compares each round's pair: the
/// comparison for a machine whose speed drifts for minutes at a time (a shared VM).
/// </summary>
/// <remarks>
/// A normal run (<c>--launchCount 3</c>) runs all of one side's launches, then all of the other's, so when the machine
/// slows down for a few minutes one side can get most of the slow launches and the ratio shows the machine, not the
/// code. Here every round runs both sides back to back, in alternating order (so neither side always goes first), and
/// the ratio is taken within the round. Each launch is an ordinary BenchmarkDotNet run of its own process (medium job,
/// one launch), with the same steady-state warm-up and memory diagnoser as the normal run.
/// </remarks>
internal static class PairedCreateRuns
{
    /// <summary>The command-line switch: <c>--paired-create &lt;rounds&gt;</c>.</summary>
    public const string Switch = "--paired-create";

    /// <summary>Runs <paramref name="rounds"/> rounds and prints each round's medians and ratio, then their median.</summary>
    public static void Run(int rounds)
    {
        var lines = new List<string>();
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            string[] order = round % 2 == 1
                ? [nameof(CreateBenchmarks.UserManager_CreateAsync), nameof(CreateBenchmarks.OryIdentity_CreateAsync)]
                : [nameof(CreateBenchmarks.OryIdentity_CreateAsync), nameof(CreateBenchmarks.UserManager_CreateAsync)];
            var medians = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var method in order)
            {
                medians[method] = MedianNanoseconds(method);
            }

            var userManager = medians[nameof(CreateBenchmarks.UserManager_CreateAsync)];
            var ory = medians[nameof(CreateBenchmarks.OryIdentity_CreateAsync)];
            var ratio = userManager / ory;
            ratios.Add(ratio);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {(order[0] == nameof(CreateBenchmarks.UserManager_CreateAsync) ? "UserManager" : "Ory.Identity")} | {userManager / 1000:F3} µs | {ory / 1000:F3} µs | {ratio:F2}× |"));
        }

        ratios.Sort();
        Console.WriteLine();
        Console.WriteLine("| round | first | UserManager (median) | Ory.Identity (median) | throughput vs UserManager |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        lines.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median of the {rounds} round ratios: {Median(ratios):F2}× (lowest {ratios[0]:F2}×, highest {ratios[^1]:F2}×)"));
    }

    // One launch of one create benchmark; its median time per create, in nanoseconds.
    private static double MedianNanoseconds(string method)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.MediumRun.WithLaunchCount(1))
            .AddFilter(new NameFilter(name => name == method));
        var summary = BenchmarkRunner.Run<CreateBenchmarks>(config);
        var report = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
                     ?? throw new InvalidOperationException($"No report for {method}.");
        return report.ResultStatistics?.Median ?? throw new InvalidOperationException($"{method} produced no measurements.");
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
