using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Ory.Identity.Serialization;

/// <summary>
/// Writes <see cref="Instant"/> as RFC 3339 UTC with trailing fractional zeros trimmed (Go's <c>RFC3339Nano</c>, as
/// Kratos writes); reads any RFC 3339 offset.
/// </summary>
/// <remarks>
/// Every stored identity carries a dozen timestamps, so the canonical UTC form
/// (<c>yyyy-MM-ddTHH:mm:ss[.fffffffff]Z</c>, years 1–9999) is read and written straight from and to UTF-8 bytes. Any
/// other text goes through NodaTime's <see cref="OffsetDateTimePattern.ExtendedIso"/> pattern, which therefore decides
/// every value the fast path does not accept (and the two agree on the values it does: a test compares them).
/// </remarks>
internal sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private const int MaxCanonicalLength = 30; // yyyy-MM-ddTHH:mm:ss.fffffffffZ

    private static readonly InstantPattern Writer = InstantPattern.ExtendedIso;
    private static readonly OffsetDateTimePattern Reader = OffsetDateTimePattern.ExtendedIso;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected an RFC 3339 timestamp string.");
        }

        if (!reader.HasValueSequence && !reader.ValueIsEscaped && TryParseCanonical(reader.ValueSpan, out var instant))
        {
            return instant;
        }

        var result = Reader.Parse(reader.GetString()!);
        if (result.Success)
        {
            return result.Value.ToInstant();
        }

        // Lower-case 't'/'z' and offsets like "+0000" are rare; Kratos rejects them too.
        throw new JsonException($"The value is not an RFC 3339 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[MaxCanonicalLength];
        if (TryFormatCanonical(value, buffer, out var written))
        {
            writer.WriteStringValue(buffer[..written]);
            return;
        }

        writer.WriteStringValue(Writer.Format(value));
    }

    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ss[.f…]Z</c> (1–9 fraction digits, years 1–9999); false for anything else.</summary>
    internal static bool TryParseCanonical(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 20 || text.Length > MaxCanonicalLength || text[^1] != 'Z'
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var nanoseconds = 0;
        if (text.Length > 20)
        {
            var fraction = text[20..^1];
            if (text[19] != '.' || fraction.Length is < 1 or > 9 || !TryDigits(fraction, out nanoseconds))
            {
                return false;
            }

            for (var i = fraction.Length; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }
        else if (text[19] != 'Z')
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>Formats as <c>yyyy-MM-ddTHH:mm:ss[.f…]Z</c> with trailing fractional zeros trimmed; false outside years 1–9999.</summary>
    internal static bool TryFormatCanonical(Instant value, Span<byte> destination, out int written)
    {
        written = 0;
        var utc = value.InUtc();
        if (utc.Year is < 1 or > 9999 || destination.Length < MaxCanonicalLength)
        {
            return false;
        }

        WriteDigits(destination[..4], utc.Year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), utc.Month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), utc.Day);
        destination[10] = (byte)'T';
        WriteDigits(destination.Slice(11, 2), utc.Hour);
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), utc.Minute);
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), utc.Second);
        written = 19;

        var nanoseconds = utc.NanosecondOfSecond;
        if (nanoseconds != 0)
        {
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }

            destination[written++] = (byte)'.';
            WriteDigits(destination.Slice(written, digits), nanoseconds);
            written += digits;
        }

        destination[written++] = (byte)'Z';
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = c - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // Writes value as exactly destination.Length decimal digits, zero-padded.
    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
