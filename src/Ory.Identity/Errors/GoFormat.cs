using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ory.Identity;

/// <summary>
/// Go's formatting of values in the texts Kratos writes, for messages that must match Kratos's byte for byte.
/// </summary>
internal static class GoFormat
{
    /// <summary>
    /// Go's <c>%q</c> of a string (<c>strconv.Quote</c>): double-quoted; <c>"</c> and <c>\</c> escaped with a backslash;
    /// <c>\a \b \f \n \r \t \v</c> by name; other C0 controls and DEL as <c>\xNN</c>; any other rune Go does not print
    /// (C1 controls U+0080–U+009F, spaces other than U+0020, format and private-use characters, unassigned code points)
    /// as <c>\uNNNN</c> or <c>\UNNNNNNNN</c>; everything else as is. A lone surrogate, which Go's JSON decoder turns into
    /// U+FFFD, shows as U+FFFD. Printable follows .NET's Unicode tables, which may be newer than the Go Kratos is built with.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('"');
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            rest = rest[Math.Max(used, 1)..];
            AppendEscaped(builder, rune);
        }

        return builder.Append('"').ToString();
    }

    private static void AppendEscaped(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '"': builder.Append("\\\""); return;
            case '\\': builder.Append("\\\\"); return;
            case '\a': builder.Append("\\a"); return;
            case '\b': builder.Append("\\b"); return;
            case '\f': builder.Append("\\f"); return;
            case '\n': builder.Append("\\n"); return;
            case '\r': builder.Append("\\r"); return;
            case '\t': builder.Append("\\t"); return;
            case '\v': builder.Append("\\v"); return;
        }

        if (IsPrint(rune))
        {
            Span<char> chars = stackalloc char[2];
            builder.Append(chars[..rune.EncodeToUtf16(chars)]);
        }
        else if (rune.Value < 0x20 || rune.Value == 0x7F)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
        }
        else if (rune.Value < 0x10000)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
        }
    }

    // Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
