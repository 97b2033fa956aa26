using System.Collections;
using System.Globalization;
using System.Text;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// What every expectation of the kit shares: the text of the checked expression and the failure it throws. The kit's
/// expectations read like FluentAssertions (<c>x.Should().Be(y)</c>) but are the kit's own, so store authors may use any
/// test framework and any assertion library (or none).
/// </summary>
internal abstract class Expectation(string expression)
{
    /// <summary>The source text of the value under check (from <c>CallerArgumentExpression</c>).</summary>
    protected string Expression { get; } = expression;

    /// <summary>Throws when <paramref name="holds"/> is false, with "Expected {expression} {what}, but {found}."</summary>
    protected void Check(bool holds, string what, string found, string because, object?[] becauseArgs)
    {
        if (holds)
        {
            return;
        }

        var reason = because.Length == 0 ? string.Empty : " because " + string.Format(CultureInfo.InvariantCulture, because, becauseArgs);
        throw new ConformanceFailedException($"Expected {Expression} {what}{reason}, but {found}.");
    }

    /// <summary>A readable rendering of a value in a failure message: strings quoted, sequences listed.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "<null>",
        string text => Quote(text),
        IEnumerable sequence => "{" + string.Join(", ", sequence.Cast<object?>().Select(Show)) + "}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>The text in double quotes with quotes, backslashes and control characters escaped.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                _ when char.IsControl(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
