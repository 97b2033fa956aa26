using System.Text.RegularExpressions;

namespace Ory.Identity.Cli.Import;

/// <summary>
/// What the <c>--report</c> file keeps of Kratos's error reason. A schema-validation reason quotes the offending trait
/// value after its pointers (<c>I[#/traits/email] S[#/…/format] "ann@…" is not valid "email"</c>), so each such line
/// keeps only its pointers; every other reason (unknown schema, unknown hash format, conflicts) names no item data
/// and is kept whole.
/// </summary>
internal static partial class ReportedReason
{
    /// <summary>The reason as the report writes it.</summary>
    public static string? Of(string? reason) =>
        reason is null || !reason.Contains("I[#", StringComparison.Ordinal) ? reason : ValidationLine().Replace(reason, "$1 (value not recorded)");

    [GeneratedRegex(@"^(\s*I\[[^\]\r\n]*\] S\[[^\]\r\n]*\]) [^\r\n]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ValidationLine();
}
