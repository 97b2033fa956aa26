using System.Text.RegularExpressions;

namespace Ory.Identity.Fuzz.Tests.Seeds;

/// <summary>The parameters of a route pattern (<c>{id}</c>, <c>{externalID?}</c>) and filling them in.</summary>
public static partial class RoutePattern
{
    /// <summary>The parameter names, without braces or the optional marker.</summary>
    public static IEnumerable<string> Parameters(string pattern) =>
        ParameterSyntax().Matches(pattern).Select(m => m.Groups["name"].Value);

    /// <summary>The pattern with each parameter replaced by <paramref name="value"/>'s answer for its name.</summary>
    public static string Fill(string pattern, Func<string, string> value) =>
        ParameterSyntax().Replace(pattern, m => value(m.Groups["name"].Value));

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\??\}")]
    private static partial Regex ParameterSyntax();
}
