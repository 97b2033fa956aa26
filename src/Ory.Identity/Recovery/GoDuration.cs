using System.Text;
using NodaTime;
using Binary64 = (ulong Mantissa, int Exponent);

namespace Ory.Identity;

/// <summary>
/// Parses and formats durations in Go's <c>time.Duration</c> text syntax (<c>"15m"</c>, <c>"1h30m"</c>,
/// <c>"1.5s"</c>), as used by Kratos configuration values such as <c>selfservice.flows.recovery.lifespan</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Parse(string)"/> behaves like Go's <c>time.ParseDuration</c>: an optional sign followed by one or
/// more decimal numbers, each with an optional fraction and a required unit suffix (<c>ns</c>, <c>us</c>,
/// <c>µs</c> (U+00B5), <c>μs</c> (U+03BC), <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>). A lone <c>"0"</c> (optionally
/// signed) is zero. No whitespace is allowed anywhere. Values are limited to Go's range, a signed 64-bit count of
/// nanoseconds (about ±292 years).
/// </para>
/// <para>
/// Fractions are converted the way Go converts them, so results agree with Go to the nanosecond: digits are
/// accumulated while the fraction's numerator stays within 2^63 (later digits are ignored), and the fractional
/// part of each number is scaled to nanoseconds with IEEE-754 binary64 rounding and then truncated, exactly as
/// Go's <c>uint64(float64(f) * (float64(unit) / scale))</c>. That computation is reproduced here with integer
/// arithmetic, which is why <c>"0.3333333333333333333h"</c> is 20 minutes (as in Go) rather than one nanosecond
/// less.
/// </para>
/// <para>
/// One deliberate difference: Go's accumulator can wrap around when two components of 2^63 nanoseconds each
/// are added (Go accepts <c>"9223372036854775808ns9223372036854775808ns"</c> as zero); this parser reports such
/// input as out of range.
/// </para>
/// <para>
/// <see cref="Format(Duration)"/> behaves like Go's <c>time.Duration.String()</c>.
/// </para>
/// </remarks>
public static class GoDuration
{
    /// <summary>2^63: the magnitude of Go's most negative duration, the largest magnitude the parser accumulates.</summary>
    private const ulong MaxMagnitude = 1UL << 63;

    private const ulong NanosPerMicrosecond = 1_000;
    private const ulong NanosPerMillisecond = 1_000_000;
    private const ulong NanosPerSecond = 1_000_000_000;

    private const string RangeDescription = "-2562047h47m16.854775808s to 2562047h47m16.854775807s";

    private static readonly Duration MinGoDuration = Duration.FromNanoseconds(long.MinValue);
    private static readonly Duration MaxGoDuration = Duration.FromNanoseconds(long.MaxValue);

    /// <summary>1 as a normalized binary64 value.</summary>
    private static readonly Binary64 One = (1UL << 52, -52);

    /// <summary>10 as a normalized binary64 value.</summary>
    private static readonly Binary64 Ten = (10UL << 49, -49);

    /// <summary>
    /// Parses a Go duration string such as <c>"1h30m"</c>, <c>"1.5s"</c> or <c>"-250ms"</c>, with the semantics of
    /// Go's <c>time.ParseDuration</c>.
    /// </summary>
    /// <param name="text">The duration text. No surrounding or embedded whitespace is allowed.</param>
    /// <returns>The parsed duration, within Go's signed 64-bit nanosecond range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="text"/> is not a valid Go duration or lies outside Go's range; the message quotes the input.
    /// </exception>
    public static Duration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseCore(text, out var duration, out var error))
        {
            throw new FormatException(error);
        }

        return duration;
    }

    /// <summary>
    /// Tries to parse a Go duration string with the semantics of Go's <c>time.ParseDuration</c>.
    /// </summary>
    /// <param name="text">The duration text; <see langword="null"/> is accepted and fails.</param>
    /// <param name="duration">
    /// The parsed duration when the method returns <see langword="true"/>; otherwise <see cref="Duration.Zero"/>.
    /// </param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid Go duration within Go's range.</returns>
    public static bool TryParse(string? text, out Duration duration)
    {
        if (text is null)
        {
            duration = Duration.Zero;
            return false;
        }

        return TryParseCore(text, out duration, out _);
    }

    /// <summary>
    /// Formats a duration the way Go's <c>time.Duration.String()</c> does: <c>"0s"</c> for zero, the smallest
    /// fitting unit below one second (<c>"1ns"</c>, <c>"1.5µs"</c> with U+00B5, <c>"100ms"</c>), and otherwise
    /// hours, minutes and seconds with a fractional second (<c>"1h0m0s"</c>, <c>"1m30s"</c>, <c>"1.5s"</c>).
    /// </summary>
    /// <param name="duration">The duration, within Go's signed 64-bit nanosecond range.</param>
    /// <returns>The Go representation, which <see cref="Parse(string)"/> reads back to the same value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="duration"/> is outside Go's range (-2^63 to 2^63-1 nanoseconds, about ±292 years).
    /// </exception>
    public static string Format(Duration duration)
    {
        if (duration < MinGoDuration || duration > MaxGoDuration)
        {
            throw new ArgumentOutOfRangeException(
                nameof(duration),
                duration,
                $"A Go duration must lie within {RangeDescription} (a signed 64-bit count of nanoseconds).");
        }

        long nanos = duration.ToInt64Nanoseconds();
        bool negative = nanos < 0;
        // Two's-complement negation yields the magnitude even for long.MinValue (2^63 as ulong).
        ulong u = negative ? unchecked(0UL - (ulong)nanos) : (ulong)nanos;

        Span<char> buffer = stackalloc char[32];
        int w = buffer.Length;

        if (u < NanosPerSecond)
        {
            // Below one second: use the smallest unit that keeps an integer part, e.g. "1.2ms".
            int precision;
            buffer[--w] = 's';
            if (u == 0)
            {
                buffer[--w] = '0';
                return new string(buffer[w..]);
            }

            if (u < NanosPerMicrosecond)
            {
                precision = 0;
                buffer[--w] = 'n';
            }
            else if (u < NanosPerMillisecond)
            {
                precision = 3;
                buffer[--w] = '\u00B5'; // MICRO SIGN, as Go prints it.
            }
            else
            {
                precision = 6;
                buffer[--w] = 'm';
            }

            u = WriteFraction(buffer, ref w, u, precision);
            WriteInteger(buffer, ref w, u);
        }
        else
        {
            buffer[--w] = 's';
            u = WriteFraction(buffer, ref w, u, 9);
            // u is now whole seconds.
            WriteInteger(buffer, ref w, u % 60);
            u /= 60;
            // u is now whole minutes.
            if (u > 0)
            {
                buffer[--w] = 'm';
                WriteInteger(buffer, ref w, u % 60);
                u /= 60;
                // u is now whole hours; Go stops at hours because days vary in length.
                if (u > 0)
                {
                    buffer[--w] = 'h';
                    WriteInteger(buffer, ref w, u);
                }
            }
        }

        if (negative)
        {
            buffer[--w] = '-';
        }

        return new string(buffer[w..]);
    }

    /// <summary>
    /// Writes the low <paramref name="precision"/> decimal digits of <paramref name="value"/> as a fraction
    /// (".123") ending at <paramref name="w"/>, omitting trailing zeros and, when all are zero, the point itself.
    /// Returns <paramref name="value"/> divided by 10^<paramref name="precision"/>.
    /// </summary>
    private static ulong WriteFraction(Span<char> buffer, ref int w, ulong value, int precision)
    {
        bool print = false;
        for (int i = 0; i < precision; i++)
        {
            ulong digit = value % 10;
            print |= digit != 0;
            if (print)
            {
                buffer[--w] = (char)('0' + (int)digit);
            }

            value /= 10;
        }

        if (print)
        {
            buffer[--w] = '.';
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> in decimal, ending at <paramref name="w"/>.</summary>
    private static void WriteInteger(Span<char> buffer, ref int w, ulong value)
    {
        do
        {
            buffer[--w] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value > 0);
    }

    private static bool TryParseCore(string text, out Duration duration, out string? error)
    {
        duration = Duration.Zero;
        ReadOnlySpan<char> s = text;
        bool negative = false;

        // [-+]?
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        // A lone (optionally signed) "0" needs no unit.
        if (s is "0")
        {
            error = null;
            return true;
        }

        if (s.IsEmpty)
        {
            error = Invalid(text, "expected a number followed by a unit, such as \"15m\" or \"1h30m\"");
            return false;
        }

        ulong total = 0; // Magnitude in nanoseconds, at most 2^63.
        while (!s.IsEmpty)
        {
            // The next character must be [0-9.].
            if (s[0] != '.' && !char.IsAsciiDigit(s[0]))
            {
                error = Invalid(text, "expected a number followed by a unit, such as \"15m\" or \"1h30m\"");
                return false;
            }

            // [0-9]*
            int before = s.Length;
            if (!TryReadInteger(ref s, out ulong value))
            {
                error = OutOfRange(text);
                return false;
            }

            bool hasIntegerDigits = s.Length != before;

            // (\.[0-9]*)?
            bool hasFractionDigits = false;
            ulong fraction = 0;
            Binary64 scale = One;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                before = s.Length;
                ReadFraction(ref s, out fraction, out scale);
                hasFractionDigits = s.Length != before;
            }

            if (!hasIntegerDigits && !hasFractionDigits)
            {
                error = Invalid(text, "a number needs at least one digit");
                return false;
            }

            // Unit: everything up to the next digit or '.'.
            int unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = Invalid(text, "missing unit (use ns, us, µs, ms, s, m or h)");
                return false;
            }

            ReadOnlySpan<char> unitText = s[..unitLength];
            s = s[unitLength..];
            ulong unit = UnitNanoseconds(unitText);
            if (unit == 0)
            {
                error = Invalid(
                    text,
                    $"unknown unit {Quote(unitText)} (valid units are \"ns\", \"us\", \"µs\", \"μs\", \"ms\", \"s\", \"m\", \"h\")");
                return false;
            }

            if (value > MaxMagnitude / unit)
            {
                error = OutOfRange(text);
                return false;
            }

            value *= unit;
            if (fraction > 0)
            {
                // At most 3.6e12 (one hour), and value <= 2^63, so this cannot wrap.
                value += GoFractionNanoseconds(fraction, scale, unit);
                if (value > MaxMagnitude)
                {
                    error = OutOfRange(text);
                    return false;
                }
            }

            // Go would let this sum wrap past 2^64; treat anything beyond 2^63 as out of range instead.
            if (value > MaxMagnitude - total)
            {
                error = OutOfRange(text);
                return false;
            }

            total += value;
        }

        if (negative)
        {
            duration = Duration.FromNanoseconds(unchecked(-(long)total)); // total == 2^63 gives long.MinValue.
        }
        else
        {
            if (total > long.MaxValue)
            {
                error = OutOfRange(text);
                return false;
            }

            duration = Duration.FromNanoseconds((long)total);
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Consumes leading ASCII digits, as Go's <c>leadingInt</c>: fails once the value exceeds 2^63.
    /// </summary>
    private static bool TryReadInteger(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > MaxMagnitude / 10)
            {
                return false;
            }

            value = (value * 10) + (ulong)(s[i] - '0');
            if (value > MaxMagnitude)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    /// <summary>
    /// Consumes leading ASCII digits of a fraction, as Go's <c>leadingFraction</c>: digits are accumulated while
    /// the value stays at or below 2^63; later digits are consumed but ignored. The fraction is
    /// <paramref name="value"/> / <paramref name="scale"/>, where <paramref name="scale"/> is Go's binary64
    /// <c>scale</c>, multiplied by 10 (and rounded) once per accumulated digit. It is an exact power of ten for up
    /// to 22 digits; beyond that (only possible with leading zeros) Go's repeated rounding is reproduced.
    /// </summary>
    private static void ReadFraction(ref ReadOnlySpan<char> s, out ulong value, out Binary64 scale)
    {
        value = 0;
        scale = One;
        bool overflow = false;
        int i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (value > long.MaxValue / 10)
            {
                overflow = true;
                continue;
            }

            ulong next = (value * 10) + (ulong)(s[i] - '0');
            if (next > MaxMagnitude)
            {
                overflow = true;
                continue;
            }

            value = next;
            scale = Multiply(scale, Ten);
        }

        s = s[i..];
    }

    /// <summary>Nanoseconds per unit, or 0 for an unknown unit.</summary>
    private static ulong UnitNanoseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1,
        "us" or "\u00B5s" or "\u03BCs" => NanosPerMicrosecond,
        "ms" => NanosPerMillisecond,
        "s" => NanosPerSecond,
        "m" => 60 * NanosPerSecond,
        "h" => 3600 * NanosPerSecond,
        _ => 0,
    };

    /// <summary>
    /// The nanoseconds contributed by the fraction <paramref name="fraction"/> / <paramref name="scale"/> of
    /// <paramref name="unit"/>, computed bit-for-bit like Go's
    /// <c>uint64(float64(f) * (float64(unit) / scale))</c>: each of the three binary64 operations (the
    /// conversion of <c>f</c>, the division and the multiplication) is rounded to nearest, ties to even, and the
    /// product is truncated toward zero. Everything is done on integers; no floating-point type is involved.
    /// </summary>
    private static ulong GoFractionNanoseconds(ulong fraction, Binary64 scale, ulong unit)
    {
        // float64(f): f <= 2^63, so the conversion may round.
        Binary64 f = RoundToBinary64(fraction, 1);
        // float64(unit) / scale: unit is an exact binary64 value, the quotient rounds.
        var (qMantissa, qExponent) = RoundToBinary64(unit, scale.Mantissa);
        Binary64 quotient = (qMantissa, qExponent - scale.Exponent);
        Binary64 product = Multiply(f, quotient);
        // uint64(x) truncates toward zero. Since f < scale the product is below one unit (at most 3.6e12), so a
        // left shift cannot overflow.
        return product.Exponent switch
        {
            >= 0 => product.Mantissa << product.Exponent,
            <= -64 => 0,
            _ => product.Mantissa >> -product.Exponent,
        };
    }

    /// <summary>The binary64 product of two binary64 values (round to nearest, ties to even).</summary>
    private static Binary64 Multiply(Binary64 left, Binary64 right)
    {
        // Two 53-bit significands multiply to at most 106 bits; round back to 53.
        var (mantissa, exponent) = RoundToBinary64((UInt128)left.Mantissa * right.Mantissa, 1);
        return (mantissa, exponent + left.Exponent + right.Exponent);
    }

    /// <summary>
    /// Rounds the positive rational <paramref name="numerator"/> / <paramref name="denominator"/> to binary64
    /// precision (53-bit significand, round to nearest, ties to even), returning it as
    /// <c>mantissa × 2^exponent</c> with the mantissa in [2^52, 2^53). Callers keep the operands below 2^107 and
    /// 2^64 respectively, so neither shift overflows 128 bits. The exponent is unbounded: there is no subnormal or
    /// infinite range, which cannot change the truncated result (see <see cref="GoFractionNanoseconds"/>).
    /// </summary>
    private static (ulong Mantissa, int Exponent) RoundToBinary64(UInt128 numerator, UInt128 denominator)
    {
        const ulong Low = 1UL << 52;
        const ulong High = 1UL << 53;

        int numeratorBits = 128 - (int)UInt128.LeadingZeroCount(numerator);
        int denominatorBits = 128 - (int)UInt128.LeadingZeroCount(denominator);
        // numerator / (denominator × 2^exponent) then lies in (2^52, 2^54).
        int exponent = numeratorBits - denominatorBits - 53;

        while (true)
        {
            UInt128 n = exponent < 0 ? numerator << -exponent : numerator;
            UInt128 d = exponent > 0 ? denominator << exponent : denominator;
            UInt128 quotient = UInt128.DivRem(n, d).Quotient;
            if (quotient >= High)
            {
                exponent++;
                continue;
            }

            if (quotient < Low)
            {
                exponent--;
                continue;
            }

            UInt128 remainder = n - (quotient * d);
            ulong mantissa = (ulong)quotient;
            UInt128 twice = remainder << 1;
            if (twice > d || (twice == d && (mantissa & 1) == 1))
            {
                mantissa++;
                if (mantissa == High)
                {
                    mantissa = Low;
                    exponent++;
                }
            }

            return (mantissa, exponent);
        }
    }

    private static string Invalid(string text, string reason) =>
        $"Invalid Go duration {Quote(text)}: {reason}.";

    private static string OutOfRange(string text) =>
        $"Invalid Go duration {Quote(text)}: out of range (Go durations are limited to {RangeDescription}).";

    /// <summary>Quotes text for an error message, escaping quotes, backslashes, control characters and noncharacters.</summary>
    private static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }
}
