using System.Text;
using CsCheck;

namespace Ory.Identity.Tests.Support;

/// <summary>
/// Generators for parser inputs that hit the structure instead of missing it: valid encodings with one to three
/// mutations (a character replaced, inserted or deleted, a truncation, a huge number, a duplicated or swapped slice),
/// where inserted characters are the ones parsers trip over (separators, signs, padding, whitespace, NUL, non-ASCII
/// digits and letters, lone surrogates), plus the empty string.
/// </summary>
internal static class NearValidText
{
    /// <summary>Characters that matter to text parsers.</summary>
    public static readonly Gen<char> Tricky = Gen.OneOf(
        '$', '=', ',', '.', ':', ';', '-', '+', '/', '~', '_', '*', '%', '{', '}', '[', ']', '"', '\\', '0', '1', '7', '9', 'a',
        'Z', 'i', 'p', 'm', 's', 'h', ' ', '\t', '\n', '\r', '\0', '\u00B5', '\u03BC', '\u00E9', '\u00A0', '\u2212', '\u0663',
        '\uFF11', '\uFEFF', '\uD800', '\uDC00', '\uFFFD', '\uFFFF');

    /// <summary>Numbers at and past the limits of every integer width.</summary>
    public static readonly Gen<string> HugeNumbers = Gen.OneOf(
        "0", "00", "-1", "-0", "+1", "255", "256", "65536", "2147483647", "2147483648", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999999999999999", "0000000000000000000000000001", "1e9", "1.5", ".5", "5.");

    /// <summary>One of <paramref name="valid"/>, unchanged or mutated one to three times; sometimes empty.</summary>
    public static Gen<string> Around(IReadOnlyList<string> valid) => Around(Gen.OneOf([.. valid]));

    /// <summary>A value of <paramref name="valid"/>, unchanged or mutated one to three times; sometimes empty.</summary>
    public static Gen<string> Around(Gen<string> valid) => Gen.Frequency<string>(
        (2, valid),
        (12, Gen.SelectMany(valid, Gen.Int[1, 3], MutatedTimes)),
        (1, Gen.Const(string.Empty)));

    private static Gen<string> MutatedTimes(string text, int times) =>
        times == 0 ? Gen.Const(text) : Mutated(text).SelectMany(next => MutatedTimes(next, times - 1));

    private static Gen<string> Mutated(string text)
    {
        var at = Gen.Int[0, text.Length];
        var within = Gen.Int[0, Math.Max(0, text.Length - 1)];
        return Gen.Frequency<string>(
            (4, Gen.Select(within, Gen.Frequency<char>((3, Tricky), (1, Gen.Char)), (i, c) => text.Length == 0 ? c.ToString() : Replace(text, i, c))),
            (3, Gen.Select(at, Tricky, (i, c) => text.Insert(i, c.ToString()))),
            (2, Gen.Select(within, i => text.Length == 0 ? text : text.Remove(i, 1))),
            (2, Gen.Select(at, i => text[..i])),
            (2, Gen.Select(at, HugeNumbers, (i, n) => text.Insert(i, n))),
            (1, Gen.Select(at, at, (i, j) => text.Insert(Math.Max(i, j), text[Math.Min(i, j)..Math.Max(i, j)]))),
            (1, Gen.Select(within, i => text.Length < 2 || i == text.Length - 1 ? text : Swap(text, i))),
            (1, Gen.Select(at, DigitRun, (i, digits) => text.Insert(i, digits))));
    }

    /// <summary>A long run of digits, as in an overlong number.</summary>
    private static readonly Gen<string> DigitRun = Gen.Int[20, 400].Select(n => new string('9', n));

    private static string Replace(string text, int index, char c) =>
        string.Create(text.Length, (text, index, c), static (span, state) =>
        {
            state.text.CopyTo(span);
            span[state.index] = state.c;
        });

    private static string Swap(string text, int index)
    {
        var builder = new StringBuilder(text);
        (builder[index], builder[index + 1]) = (builder[index + 1], builder[index]);
        return builder.ToString();
    }
}
