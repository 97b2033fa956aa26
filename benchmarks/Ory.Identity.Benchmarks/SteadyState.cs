namespace Ory.Identity.Benchmarks;

/// <summary>
/// Brings a benchmark that runs one invocation per iteration (<c>[IterationSetup]</c>) to its steady state before
/// BenchmarkDotNet's own warm-up.
/// </summary>
/// <remarks>
/// With one invocation per iteration a benchmark process runs only a few dozen rounds, and a profile of such a process
/// (the create benchmark, `perf` with the runtime's perf map) found the library's hot methods still in the runtime's
/// instrumented tier throughout the measured iterations: the background compiler had not promoted them to optimized
/// code before the process ended. Running whole rounds first, with pauses in which the background compiler catches
/// up, measures the steady state instead. Both sides of a comparison get the same treatment.
/// </remarks>
internal static class SteadyState
{
    private const int Rounds = 20;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="round"/> (setup, workload and cleanup of one iteration) several times, pausing after each.</summary>
    public static void Reach(Action round)
    {
        for (var i = 0; i < Rounds; i++)
        {
            round();
            Thread.Sleep(Pause);
        }
    }
}
