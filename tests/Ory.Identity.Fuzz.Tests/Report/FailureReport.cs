using System.Globalization;
using System.Text;

namespace Ory.Identity.Fuzz.Tests.Report;

/// <summary>
/// The failures of a run as text: new failures first, grouped by kind, method, route, mutations and status, each group
/// with its count and its first case's seed, index and reproduction; then each known defect with its count, the routes
/// it hit and one reproduction; then the known defects this run did not meet.
/// </summary>
public static class FailureReport
{
    /// <summary>The report text; <paramref name="summary"/> heads it (store, seed, cases run, time).</summary>
    public static string Of(string summary, IReadOnlyList<FuzzFailure> failures)
    {
        var text = new StringBuilder(summary).AppendLine();
        var groups = failures
            .Where(f => f.KnownDefect is null)
            .GroupBy(f => (f.Kind, f.Request.Method, f.Request.Route, Mutations: string.Join(" + ", f.Request.Mutations), Status: f.Response?.Status))
            .OrderBy(g => g.Key.Kind);
        foreach (var group in groups)
        {
            var key = group.Key;
            Append(text, $"[NEW] {key.Kind}: {key.Method} {key.Route} [{key.Mutations}] → {key.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} ×{group.Count()}");
            Example(text, group.First());
        }

        foreach (var defect in failures.Where(f => f.KnownDefect is not null).GroupBy(f => f.KnownDefect!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var routes = defect.Select(f => $"{f.Request.Method} {f.Request.Route}").Distinct().Order(StringComparer.Ordinal).ToList();
            Append(text, $"[{defect.Key}] known, ×{defect.Count()} on {routes.Count} routes: {string.Join(", ", routes.Take(8))}{(routes.Count > 8 ? ", …" : string.Empty)}");
            Example(text, defect.First());
        }

        foreach (var (id, description) in KnownDefects.All.Where(d => failures.All(f => f.KnownDefect != d.Id)))
        {
            Append(text, $"[{id}] not seen in this run: {description}");
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
