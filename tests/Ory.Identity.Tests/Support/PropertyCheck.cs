using CsCheck;

namespace Ory.Identity.Tests.Support;

/// <summary>
/// Runs a CsCheck property over a fixed, reproducible sequence of samples, so CI sees the same inputs on every run:
/// CsCheck's own <c>seed:</c> only fixes the first sample and draws the others at random. The samples' seeds come from
/// <c>seed</c>; when one fails, CsCheck shrinks from it (randomly, the pass itself stays fixed) and reports the seed of
/// the smallest failing input. Setting <c>CsCheck_Seed</c> replays that one input, and <c>CsCheck_Iter</c> runs a
/// longer local sweep from the same seed.
/// </summary>
internal static class PropertyCheck
{
    /// <summary>How many random samples shrinking a failure may try.</summary>
    private const int ShrinkIterations = 2_000;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> samples of <paramref name="gen"/>.</summary>
    public static void Run<T>(Gen<T> gen, Action<T> property, string seed, int iterations, Func<T, string>? print = null)
    {
        var replay = Environment.GetEnvironmentVariable("CsCheck_Seed");
        if (!string.IsNullOrWhiteSpace(replay))
        {
            gen.Sample(property, seed: replay.Trim(), iter: 1, threads: 1, print: print);
            return;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var local) && local > iterations)
        {
            iterations = local;
        }

        var seeds = PCG.Parse(seed);
        for (var i = 0; i < iterations; i++)
        {
            var sample = new PCG(seeds.Next() & 0x3FFFFFFF, seeds.Next64()).ToString();
            try
            {
                gen.Sample(property, seed: sample, iter: 1, threads: 1, print: print);
            }
            catch (CsCheckException)
            {
                // Shrink: more samples from the failing one; CsCheck throws with the smallest it finds.
                gen.Sample(property, seed: sample, iter: ShrinkIterations, threads: 1, print: print);
                throw;
            }
        }
    }

    /// <summary>Checks a predicate; see <see cref="Run{T}(Gen{T}, Action{T}, string, int, Func{T, string})"/>.</summary>
    public static void Run<T>(Gen<T> gen, Func<T, bool> property, string seed, int iterations, Func<T, string>? print = null) =>
        Run(gen, value =>
        {
            if (!property(value))
            {
                throw new InvalidOperationException("The property does not hold.");
            }
        }, seed, iterations, print);
}
