using System.Globalization;

namespace Ory.Identity;

/// <summary>
/// Reads a k-anonymity range answer: one <c>SUFFIX:COUNT</c> line per known hash with the asked prefix. As Kratos
/// (selfservice/strategy/password/validator.go): commas in the count are dropped, a line without a colon counts once,
/// and a count that is not an integer makes the whole answer unusable.
/// </summary>
internal static class PwnedPasswordsRange
{
    /// <summary>The upper-case hash suffixes and their breach counts; blank lines are skipped.</summary>
    /// <exception cref="BreachedPasswordCheckException">A count is not an integer.</exception>
    public static IEnumerable<(string Suffix, long Count)> Parse(string body)
    {
        using var reader = new StringReader(body);
        while (reader.ReadLine() is { } line)
        {
            var row = line.Trim();
            if (row.Length == 0)
            {
                continue;
            }

            var parts = row.Split(':');
            if (parts.Length != 2)
            {
                yield return (parts[0].ToUpperInvariant(), 1);
                continue;
            }

            var count = parts[1].Replace(",", string.Empty, StringComparison.Ordinal);
            if (!long.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var breaches))
            {
                throw new BreachedPasswordCheckException(
                    "The breached-password range API answered a count that is not an integer.", isNetworkError: false);
            }

            yield return (parts[0].ToUpperInvariant(), breaches);
        }
    }
}
