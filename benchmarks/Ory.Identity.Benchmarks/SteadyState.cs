using System.Runtime;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Brings a benchmark that runs one invocation per iteration (<c>[IterationSetup]</c>) to its steady state before
/// BenchmarkDotNet's own warm-up.
/// </summary>
/// <remarks>
/// <para>
/// With one invocation per iteration a benchmark process runs only a few dozen rounds, and a profile of such a process
/// (the create benchmark, `perf` with the runtime's perf map) found the library's hot methods still in the runtime's
/// instrumented tier throughout the measured iterations: the background compiler had not promoted them to optimized
/// code before the process ended. Running whole rounds first, with pauses in which the background compiler catches
/// up, measures the steady state instead. Both sides of a comparison get the same treatment.
/// </para>
/// <para>
/// A fixed number of rounds was not enough: counting compiled methods per round showed Ory.Identity's create still
/// promoting methods after 40 rounds of 5,000 creates (each new host compiles a few methods for the first time, which
/// postpones the promotion of the hot ones). So rounds run until the runtime compiled nothing new for
/// <see cref="QuietRounds"/> rounds in a row.
/// </para>
/// </remarks>
internal static class SteadyState
{
    private const int MinRounds = 10;
    private const int MaxRounds = 150;
    private const int QuietRounds = 5;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="round"/> (setup, workload and cleanup of one iteration) until the runtime stops compiling,
    /// pausing after each round.
    /// </summary>
    public static void Reach(Action round)
    {
        var quiet = 0;
        for (var i = 0; i < MaxRounds && (i < MinRounds || quiet < QuietRounds); i++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            round();
            Thread.Sleep(Pause);
            quiet = JitInfo.GetCompiledMethodCount() == compiled ? quiet + 1 : 0;
        }
    }
}
