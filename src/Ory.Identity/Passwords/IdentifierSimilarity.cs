using System.Buffers;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// Kratos's "too similar to the identifier" rule (selfservice/strategy/password/validator.go): after lower-casing both,
/// a password is too similar when its Levenshtein distance to the identifier is below 5, or when the longest substring
/// they share is more than half the password's length in UTF-8 bytes. Skipped when either is over 256 bytes.
/// </summary>
internal static class IdentifierSimilarity
{
    /// <summary>The longest identifier or password (UTF-8 bytes) the rule compares; longer ones are not compared.</summary>
    public const int MaxComparedBytes = 256;

    /// <summary>The smallest Levenshtein distance that is far enough.</summary>
    public const int MinDistance = 5;

    /// <summary>Whether <paramref name="password"/> is too similar to <paramref name="identifier"/>.</summary>
    public static bool IsTooSimilar(string identifier, string password)
    {
        if (identifier.Length == 0
            || Encoding.UTF8.GetByteCount(identifier) > MaxComparedBytes
            || Encoding.UTF8.GetByteCount(password) > MaxComparedBytes)
        {
            return false;
        }

        var id = identifier.ToLowerInvariant();
        var pw = password.ToLowerInvariant();
        if (LevenshteinDistance(Runes(id), Runes(pw)) < MinDistance)
        {
            return true;
        }

        // lcs / len(password) > 0.5, in integers.
        return 2 * LongestCommonSubstring(id, pw) > Encoding.UTF8.GetByteCount(pw);
    }

    /// <summary>The edit distance (insertions, deletions, substitutions) between two sequences of characters.</summary>
    internal static int LevenshteinDistance(int[] a, int[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// The longest common substring as Kratos counts it: characters are compared at their UTF-8 byte offsets and a run
    /// continues only from the character one byte before, so for ASCII this is the usual length in characters, while a
    /// run never continues past a multi-byte character.
    /// </summary>
    internal static int LongestCommonSubstring(string a, string b)
    {
        var (aRunes, aOffsets, aBytes) = Indexed(a);
        var (bRunes, bOffsets, bBytes) = Indexed(b);
        var size = aBytes * bBytes;
        var lengths = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(lengths, 0, size);
        var longest = 0;
        for (var i = 0; i < aRunes.Length; i++)
        {
            for (var j = 0; j < bRunes.Length; j++)
            {
                if (aRunes[i] != bRunes[j])
                {
                    continue;
                }

                var (x, y) = (aOffsets[i], bOffsets[j]);
                var length = x != 0 && y != 0 ? lengths[((x - 1) * bBytes) + y - 1] + 1 : 1;
                longest = Math.Max(longest, length);
                lengths[(x * bBytes) + y] = length;
            }
        }

        ArrayPool<int>.Shared.Return(lengths);
        return longest;
    }

    private static int[] Runes(string value) => [.. value.EnumerateRunes().Select(r => r.Value)];

    private static (int[] Runes, int[] Offsets, int Bytes) Indexed(string value)
    {
        var runes = new List<int>();
        var offsets = new List<int>();
        var offset = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            runes.Add(rune.Value);
            offsets.Add(offset);
            offset += rune.Utf8SequenceLength;
        }

        return ([.. runes], [.. offsets], offset);
    }
}
