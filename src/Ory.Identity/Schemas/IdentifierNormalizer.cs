using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace Ory.Identity;

/// <summary>
/// Kratos's identifier normalization (Kratos's x/normalize.go): the graceful form used for password, webauthn and code identifiers
/// and lookups, strict email normalization, and E.164 phone formatting.
/// </summary>
internal static class IdentifierNormalizer
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Graceful normalization: trim, NFKC/width folding, lower case, invisible and disallowed runes removed; a valid
    /// phone number with a leading <c>+</c> becomes E.164.
    /// </summary>
    public static string NormalizeGraceful(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlainLowerAscii(value))
        {
            return value.Length > 0 && value[0] == '+' && TryNormalizePhone(value, out var fast) ? fast : value;
        }

        var folded = Fold(value.Trim(), out _);
        return folded.Length > 0 && folded[0] == '+' && TryNormalizePhone(folded, out var e164) ? e164 : folded;
    }

    /// <summary>
    /// Strict email normalization: the graceful profile where a disallowed rune is an error, then the address must parse
    /// as an email (the rules of Kratos's email format).
    /// </summary>
    /// <param name="value">The address as given.</param>
    /// <param name="normalized">The normalized address; empty when it is refused.</param>
    /// <param name="valueIsValidEmail">
    /// Whether <paramref name="value"/> already passed the email format (a trait with <c>"format": "email"</c> that was
    /// validated): when normalizing leaves it unchanged, it is not checked a second time.
    /// </param>
    public static bool TryNormalizeEmailStrict(string value, out string normalized, bool valueIsValidEmail = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalized = string.Empty;
        var trimmed = value.Trim();
        string folded;
        if (IsPlainLowerAscii(trimmed))
        {
            folded = trimmed;
        }
        else
        {
            folded = Fold(trimmed, out var rejected);
            if (rejected)
            {
                return false;
            }
        }

        if (!(valueIsValidEmail && ReferenceEquals(folded, value)) && !EmailAddressRules.IsValid(folded))
        {
            return false;
        }

        normalized = folded;
        return true;
    }

    /// <summary>Parses a phone number with no default region (a leading <c>+</c> is required) and formats it as E.164.</summary>
    public static bool TryNormalizePhone(string value, out string e164)
    {
        ArgumentNullException.ThrowIfNull(value);
        e164 = string.Empty;
        var trimmed = value.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '+')
        {
            return false;
        }

        try
        {
            var number = Phones.Parse(trimmed, null);
            if (!Phones.IsValidNumber(number))
            {
                return false;
            }

            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>True when the value is printable ASCII without upper case or surrounding whitespace: already normalized.</summary>
    private static bool IsPlainLowerAscii(string value)
    {
        if (value.Length == 0 || value[0] == ' ' || value[^1] == ' ')
        {
            return value.Length == 0;
        }

        return !value.AsSpan().ContainsAnyExcept(PlainLowerAscii);
    }

    // Printable ASCII without upper-case letters: text that normalization leaves as it is (once not space-padded).
    private static readonly System.Buffers.SearchValues<char> PlainLowerAscii = System.Buffers.SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static string Fold(string value, out bool rejected)
    {
        rejected = false;
        var nfkc = value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        foreach (var rune in nfkc.EnumerateRunes())
        {
            if (IsStripped(rune))
            {
                rejected = true;
                continue;
            }

            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        // Folding can expose new surrounding whitespace (e.g. after a stripped BOM).
        return builder.ToString().Trim();
    }

    /// <summary>Runes outside PRECIS FreeformClass that Kratos drops: default-ignorables, controls, format, bidi controls, unassigned, non-characters.</summary>
    private static bool IsStripped(Rune rune)
    {
        var v = rune.Value;
        if (v < 0x80)
        {
            return v < 0x20 || v == 0x7F;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.Surrogate:
                return true;
        }

        // Non-characters.
        if ((v >= 0xFDD0 && v <= 0xFDEF) || (v & 0xFFFE) == 0xFFFE)
        {
            return true;
        }

        // Default_Ignorable_Code_Point entries that are not Cf/Cc.
        return v == 0x034F // combining grapheme joiner
            || v == 0x115F || v == 0x1160 || v == 0x3164 || v == 0xFFA0 // Hangul fillers
            || v == 0x17B4 || v == 0x17B5
            || (v >= 0x180B && v <= 0x180F) // Mongolian free variation selectors
            || (v >= 0xFE00 && v <= 0xFE0F) // variation selectors
            || (v >= 0xFFF0 && v <= 0xFFF8)
            || (v >= 0xE0000 && v <= 0xE0FFF) // tags and supplementary variation selectors
            || (v >= 0x2060 && v <= 0x206F);
    }
}
