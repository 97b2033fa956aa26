using System.Globalization;

namespace Ory.Identity.Fuzz.Tests;

/// <summary>
/// How long and from which seed the fuzz suite runs, from the environment: <c>ORY_FUZZ_SEED</c> (an integer, or
/// <c>random</c>; 20261207 by default), <c>ORY_FUZZ_CASES</c> (cases per store; 700 by default) and
/// <c>ORY_FUZZ_BUDGET_SECONDS</c> (wall-clock budget per store, after which the run stops early and says so; 40 by
/// default). The defaults are CI's: a fixed seed and a bounded budget.
/// </summary>
public sealed record FuzzSettings
{
    public const string SeedVariable = "ORY_FUZZ_SEED";
    public const string CasesVariable = "ORY_FUZZ_CASES";
    public const string BudgetVariable = "ORY_FUZZ_BUDGET_SECONDS";

    /// <summary>CI's seed: the one used when <c>ORY_FUZZ_SEED</c> is not set.</summary>
    public const int DefaultSeed = 20261207;
    private const int DefaultCases = 700;
    private const int DefaultBudgetSeconds = 40;

    /// <summary>The seed every case derives from; a failure is reproduced by running again with it.</summary>
    public required int Seed { get; init; }

    /// <summary>The number of cases per store.</summary>
    public required int Cases { get; init; }

    /// <summary>The wall-clock budget per store.</summary>
    public required TimeSpan Budget { get; init; }

    /// <summary>Reads the settings from the environment.</summary>
    /// <exception cref="InvalidOperationException">A variable is set but not a positive integer (or <c>random</c> for the seed).</exception>
    public static FuzzSettings FromEnvironment() => new()
    {
        Seed = Environment.GetEnvironmentVariable(SeedVariable) switch
        {
            null or "" => DefaultSeed,
            "random" => Random.Shared.Next(),
            var text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
                ? seed
                : throw new InvalidOperationException($"{SeedVariable} must be an integer or \"random\", got \"{text}\"."),
        },
        Cases = PositiveInteger(CasesVariable, DefaultCases),
        Budget = TimeSpan.FromSeconds(PositiveInteger(BudgetVariable, DefaultBudgetSeconds)),
    };

    private static int PositiveInteger(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{variable} must be a positive integer, got \"{text}\".");
    }
}
