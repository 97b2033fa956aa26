using System.Globalization;
using NodaTime;

namespace Ory.Identity.Tests.Recovery;

public sealed class GoDurationTests
{
    private const long Nanosecond = 1;
    private const long Microsecond = 1_000 * Nanosecond;
    private const long Millisecond = 1_000 * Microsecond;
    private const long Second = 1_000 * Millisecond;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    // Go's parseDurationTests (src/time/time_test.go), plus a few cases from the specification.
    public static TheoryData<string, long> ValidInputs => new()
    {
        // simple
        { "0", 0 },
        { "5s", 5 * Second },
        { "30s", 30 * Second },
        { "1478s", 1478 * Second },
        // sign
        { "-5s", -5 * Second },
        { "+5s", 5 * Second },
        { "-0", 0 },
        { "+0", 0 },
        // decimal
        { "5.0s", 5 * Second },
        { "5.6s", (5 * Second) + (600 * Millisecond) },
        { "5.s", 5 * Second },
        { ".5s", 500 * Millisecond },
        { "1.0s", 1 * Second },
        { "1.00s", 1 * Second },
        { "1.004s", (1 * Second) + (4 * Millisecond) },
        { "1.0040s", (1 * Second) + (4 * Millisecond) },
        { "100.00100s", (100 * Second) + (1 * Millisecond) },
        // different units
        { "10ns", 10 * Nanosecond },
        { "11us", 11 * Microsecond },
        { "12\u00B5s", 12 * Microsecond }, // MICRO SIGN
        { "12\u03BCs", 12 * Microsecond }, // GREEK SMALL LETTER MU
        { "13ms", 13 * Millisecond },
        { "14s", 14 * Second },
        { "15m", 15 * Minute },
        { "16h", 16 * Hour },
        // composite durations
        { "3h30m", (3 * Hour) + (30 * Minute) },
        { "10.5s4m", (4 * Minute) + (10 * Second) + (500 * Millisecond) },
        { "-2m3.4s", -((2 * Minute) + (3 * Second) + (400 * Millisecond)) },
        { "1h2m3s4ms5us6ns", (1 * Hour) + (2 * Minute) + (3 * Second) + (4 * Millisecond) + (5 * Microsecond) + (6 * Nanosecond) },
        { "39h9m14.425s", (39 * Hour) + (9 * Minute) + (14 * Second) + (425 * Millisecond) },
        // large value
        { "52763797000ns", 52763797000 * Nanosecond },
        // more than 9 digits after the decimal point (golang.org/issue/6617); Go's float64 step gives exactly 20m
        { "0.3333333333333333333h", 20 * Minute },
        // 1<<53+1 cannot be stored precisely in a float64
        { "9007199254740993ns", (1L << 53) + 1 },
        // largest duration representable by int64 nanoseconds
        { "9223372036854775807ns", long.MaxValue },
        { "9223372036854775.807us", long.MaxValue },
        { "9223372036s854ms775us807ns", long.MaxValue },
        { "-9223372036854775808ns", long.MinValue },
        { "-9223372036854775.808us", long.MinValue },
        { "-9223372036s854ms775us808ns", long.MinValue },
        // largest negative round trip value (golang.org/issue/48629)
        { "-2562047h47m16.854775808s", long.MinValue },
        // huge string (golang.org/issue/15011)
        { "0.100000000000000000000h", 6 * Minute },
        // first overflow check in leadingFraction
        { "0.830103483285477580700h", (49 * Minute) + (48 * Second) + (372539827 * Nanosecond) },
        // specification examples
        { "1.5h", 90 * Minute },
        { "1h30m", 90 * Minute },
        { "1.s", 1 * Second },
        { "-1h", -1 * Hour },
        { "+5m", 5 * Minute },
        { "1.0000000001s", 1 * Second },
        { "0.1ns", 0 },
        { "1.9ns", 1 },
        { "-1.9ns", -1 },
        { "1.5\u00B5s", 1500 * Nanosecond },
        { "2562047h47m16.854775807s", long.MaxValue },
        { "1s1s", 2 * Second },
        { "0h0m0s", 0 },
        { "00s", 0 },
        { "0.0000000000000000000000000000001h", 0 },
        { "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001h", 0 },
        { "1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000009s", Second },
    };

    // Go's parseDurationErrorTests (C# has no raw bytes: "\x85" is U+0085, "\xffff" is U+FFFF), plus more.
    public static TheoryData<string> InvalidInputs => new()
    {
        // invalid
        "",
        "3",
        "-",
        "s",
        ".",
        "-.",
        ".s",
        "+.s",
        "1d",
        "\x85\x85",
        "\xffff",
        "\u00FFff",
        "hello \xffff world",
        "\uFFFD",
        "\uFFFD hello \uFFFD world",
        // overflow
        "9223372036854775810ns",
        "9223372036854775808ns",
        "-9223372036854775809ns",
        "9223372036854776us",
        "3000000h",
        "9223372036854775.808us",
        "9223372036854ms775us808ns",
        "9223372036855s",
        "-9223372036855s",
        "9223372036854s775ms807us",  // 9223372036854s alone is already past 2^63 ns
        "-9223372036854s775ms808us",
        "2562047h47m16.854775808s",
        "-2562047h47m16.854775809s",
        "99999999999999999999ns",
        "9223372036854775808ns9223372036854775808ns", // Go wraps this to 0; rejected here
        // whitespace and other syntax
        " 1h",
        "1h ",
        "1 h",
        "1h\n",
        "\t1h",
        "h",
        "1",
        "00",
        "1h1",
        "+-1h",
        "--1h",
        "-+1h",
        "1.5.5s",
        "1..5s",
        "1,5s",
        "1e3s",
        "1H",
        "1S",
        "1sec",
        "1µ",
        "1u s",
        "\uFF11s", // FULLWIDTH DIGIT ONE
        "\u0661s", // ARABIC-INDIC DIGIT ONE
        "-0s0",
        "+",
        "0x10s",
    };

    // Go's durationTests (src/time/time_test.go), plus a few more.
    public static TheoryData<string, long> Formatted => new()
    {
        { "0s", 0 },
        { "1ns", 1 * Nanosecond },
        { "1.1\u00B5s", 1100 * Nanosecond },
        { "2.2ms", 2200 * Microsecond },
        { "3.3s", 3300 * Millisecond },
        { "4m5s", (4 * Minute) + (5 * Second) },
        { "4m5.001s", (4 * Minute) + (5001 * Millisecond) },
        { "5h6m7.001s", (5 * Hour) + (6 * Minute) + (7001 * Millisecond) },
        { "8m0.000000001s", (8 * Minute) + (1 * Nanosecond) },
        { "2562047h47m16.854775807s", long.MaxValue },
        { "-2562047h47m16.854775808s", long.MinValue },
        { "1h0m0s", 1 * Hour },
        { "1h30m0s", 90 * Minute },
        { "1m30s", 90 * Second },
        { "1.5s", 1500 * Millisecond },
        { "-1h0m0s", -1 * Hour },
        { "1.5\u00B5s", 1500 * Nanosecond },
        { "100ms", 100 * Millisecond },
        { "999ns", 999 },
        { "999.999999ms", Second - 1 },
        { "1s", Second },
        { "1m0s", Minute },
        { "-1ns", -1 },
        { "-1.5s", -1500 * Millisecond },
        { "24h0m0s", 24 * Hour },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parse_matches_go(string input, long expectedNanoseconds)
    {
        GoDuration.Parse(input).Should().Be(Duration.FromNanoseconds(expectedNanoseconds));

        GoDuration.TryParse(input, out var parsed).Should().BeTrue();
        parsed.Should().Be(Duration.FromNanoseconds(expectedNanoseconds));
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Parse_rejects_what_go_rejects(string input)
    {
        var parse = () => GoDuration.Parse(input);
        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith("Invalid Go duration \"");

        GoDuration.TryParse(input, out var parsed).Should().BeFalse();
        parsed.Should().Be(Duration.Zero);
    }

    [Theory]
    [InlineData("1d", "Invalid Go duration \"1d\": unknown unit \"d\"")]
    [InlineData("1h ", "Invalid Go duration \"1h \": unknown unit \"h \"")]
    [InlineData("3", "Invalid Go duration \"3\": missing unit")]
    [InlineData("", "Invalid Go duration \"\": expected a number")]
    [InlineData(" 1h", "Invalid Go duration \" 1h\": expected a number")]
    [InlineData(".s", "Invalid Go duration \".s\": a number needs at least one digit")]
    [InlineData("9223372036854775808ns", "Invalid Go duration \"9223372036854775808ns\": out of range")]
    [InlineData("99999999999999999999ns", "Invalid Go duration \"99999999999999999999ns\": out of range")]
    [InlineData("1h\n", "Invalid Go duration \"1h\\u000A\": unknown unit \"h\\u000A\"")]
    [InlineData("\"1h\"", "Invalid Go duration \"\\\"1h\\\"\": expected a number")]
    public void Parse_error_messages_quote_the_input_and_explain(string input, string expectedStart)
    {
        var parse = () => GoDuration.Parse(input);
        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith(expectedStart);
    }

    [Fact]
    public void Parse_null_throws_ArgumentNullException()
    {
        var parse = () => GoDuration.Parse(null!);
        parse.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void TryParse_null_returns_false_and_zero()
    {
        GoDuration.TryParse(null, out var duration).Should().BeFalse();
        duration.Should().Be(Duration.Zero);
    }

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Format_matches_go(string expected, long nanoseconds)
    {
        GoDuration.Format(Duration.FromNanoseconds(nanoseconds)).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Formatted_text_parses_back(string text, long nanoseconds)
    {
        GoDuration.Parse(text).Should().Be(Duration.FromNanoseconds(nanoseconds));
        GoDuration.Format(GoDuration.Parse(text)).Should().Be(text);
    }

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parsed_values_round_trip_through_format(string input, long expectedNanoseconds)
    {
        _ = input;
        var duration = Duration.FromNanoseconds(expectedNanoseconds);
        GoDuration.Parse(GoDuration.Format(duration)).Should().Be(duration);
    }

    [Fact]
    public void Random_values_round_trip()
    {
        var random = new Random(6617);
        var failures = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            // Spread the magnitudes over the whole range, from nanoseconds to centuries.
            var nanoseconds = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 64);
            var text = GoDuration.Format(Duration.FromNanoseconds(nanoseconds));
            if (GoDuration.Parse(text) != Duration.FromNanoseconds(nanoseconds))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{nanoseconds} -> {text}"));
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Format_rejects_values_outside_gos_range()
    {
        var justAbove = Duration.FromNanoseconds(long.MaxValue) + Duration.Epsilon;
        var justBelow = Duration.FromNanoseconds(long.MinValue) - Duration.Epsilon;

        foreach (var duration in new[] { justAbove, justBelow, Duration.MaxValue, Duration.MinValue, Duration.FromDays(365 * 300) })
        {
            var format = () => GoDuration.Format(duration);
            format.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
        }
    }

    [Fact]
    public void Format_accepts_the_extremes_of_gos_range()
    {
        GoDuration.Format(Duration.FromNanoseconds(long.MaxValue)).Should().Be("2562047h47m16.854775807s");
        GoDuration.Format(Duration.FromNanoseconds(long.MinValue)).Should().Be("-2562047h47m16.854775808s");
    }

    // Go computes a fraction's nanoseconds as uint64(float64(f) * (float64(unit) / scale)). The implementation
    // reproduces that with integer arithmetic; here the binary64 expression itself serves as the oracle.
    [Fact]
    public void Fractions_agree_with_gos_float64_computation()
    {
        var units = new (string Name, long Nanoseconds)[]
        {
            ("ns", Nanosecond), ("us", Microsecond), ("ms", Millisecond), ("s", Second), ("m", Minute), ("h", Hour),
        };
        var random = new Random(15011);
        var failures = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var (unitName, unit) = units[random.Next(units.Length)];
            var whole = random.Next(0, 1000);
            var digitCount = random.Next(1, 40);
            var digits = new char[digitCount];
            var style = random.Next(5);
            for (var d = 0; d < digitCount; d++)
            {
                // Mix uniform digits with runs of 3s, 9s and 0s, which sit close to rounding boundaries.
                digits[d] = style switch
                {
                    0 => '3',
                    1 => '9',
                    2 => d == 0 ? (char)('0' + random.Next(10)) : '0',
                    3 => d < digitCount / 2 ? '0' : (char)('0' + random.Next(10)), // leading zeros: scale beyond 1e22
                    _ => (char)('0' + random.Next(10)),
                };
            }

            var fraction = new string(digits);
            var text = string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction}{unitName}");
            var expected = (whole * unit) + GoFloatFraction(fraction, unit);

            var actual = GoDuration.Parse(text).ToInt64Nanoseconds();
            if (actual != expected)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{text}: expected {expected}, got {actual}"));
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Every_fraction_of_an_hour_up_to_six_digits_agrees_with_go()
    {
        // Hours stress the float64 step most (3.6e12 ns per unit).
        var failures = new List<string>();
        for (var f = 1; f < 1_000_000; f++)
        {
            var fraction = f.ToString("D6", CultureInfo.InvariantCulture);
            var expected = GoFloatFraction(fraction, Hour);
            var actual = GoDuration.Parse($"0.{fraction}h").ToInt64Nanoseconds();
            if (actual != expected)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"0.{fraction}h: expected {expected}, got {actual}"));
            }
        }

        failures.Should().BeEmpty();
    }

    /// <summary>Go's leadingFraction followed by its float64 expression, evaluated with real binary64 arithmetic.</summary>
    private static long GoFloatFraction(string digits, long unit)
    {
        ulong x = 0;
        double scale = 1;
        var overflow = false;
        foreach (var c in digits)
        {
            if (overflow)
            {
                continue;
            }

            if (x > long.MaxValue / 10)
            {
                overflow = true;
                continue;
            }

            var y = (x * 10) + (ulong)(c - '0');
            if (y > 1UL << 63)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        return x == 0 ? 0 : (long)(ulong)((double)x * ((double)unit / scale));
    }
}
