using System.Globalization;
using System.Text;

namespace Ory.Identity.Fuzz.Tests.Report;

/// <summary>
/// The failures of a run as text: new failures first, grouped by kind, method, route, mutations and status, each group
/// with its count and its first case's seed, index and reproduction.
/// </summary>
public static class FailureReport
{
    /// <summary>The report text; <paramref name="summary"/> heads it (store, seed, cases run, time).</summary>
    public static string Of(string summary, IReadOnlyList<FuzzFailure> failures)
    {
        var text = new StringBuilder(summary).AppendLine();
        var groups = failures
            .GroupBy(f => (f.Kind, f.Request.Method, f.Request.Route, Mutations: string.Join(" + ", f.Request.Mutations), Status: f.Response?.Status))
            .OrderBy(g => g.Key.Kind);
        foreach (var group in groups)
        {
            var key = group.Key;
            Append(text, $"{key.Kind}: {key.Method} {key.Route} [{key.Mutations}] → {key.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} ×{group.Count()}");
            Example(text, group.First());
        }

        return text.ToString();
    }

    private static void Example(StringBuilder text, FuzzFailure example)
    {
        Append(text, $"    {example.Detail}; ORY_FUZZ_SEED={example.Seed}, case {example.Case}, store {example.Store}");
        text.Append("    ").AppendLine(Reproduction.Of(example.Request));
    }

    private static void Append(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
