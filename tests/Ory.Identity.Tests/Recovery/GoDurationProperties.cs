using System.Globalization;
using CsCheck;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>
/// Properties of <see cref="GoDuration"/>: every duration in Go's range formats to text that parses back to it, a sum
/// of whole components parses to the sum, and any other text either parses or fails with
/// <see cref="FormatException"/> (and <see cref="GoDuration.TryParse"/> agrees), never with another exception.
/// </summary>
public sealed class GoDurationProperties
{
    private static readonly (string Unit, long Nanoseconds)[] Units =
    [
        ("ns", 1), ("us", 1_000), ("\u00B5s", 1_000), ("\u03BCs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ];

    /// <summary>Nanosecond counts spread over the whole range, with the edges and sub-second values made likely.</summary>
    private static readonly Gen<long> Nanoseconds = Gen.Frequency<long>(
        (4, Gen.Long),
        (2, Gen.Long[-1_000_000_000, 1_000_000_000]),
        (1, Gen.OneOf(long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, 0L, 1L, -1L, 999L, 1_000L, 999_999L)));

    /// <summary>One to six whole components, each a count of a unit (an index into <see cref="Units"/>).</summary>
    private static readonly Gen<(int Unit, long Count)[]> Components =
        Gen.Select(Gen.Int[0, Units.Length - 1], Gen.Long[0, 100_000], (unit, count) => (unit, count)).Array[1, 6];

    private static readonly Gen<string> NearValid = NearValidText.Around(Gen.Frequency<string>(
        (3, Nanoseconds.Select(n => GoDuration.Format(Duration.FromNanoseconds(n)))),
        (1, Gen.OneOf("0", "-0", "+0", "1.5h", "1h30m", "0.3333333333333333333h", "-9223372036854775.808us", "9223372036854775807ns", "1.s", ".5s", "10.5s4m"))));

    [Fact]
    public void Every_duration_in_gos_range_formats_to_text_that_parses_back_to_it() =>
        PropertyCheck.Run(Nanoseconds, nanoseconds =>
        {
            var duration = Duration.FromNanoseconds(nanoseconds);
            var text = GoDuration.Format(duration);

            Assert.Equal(duration, GoDuration.Parse(text));
            Assert.True(GoDuration.TryParse(text, out var parsed));
            Assert.Equal(duration, parsed);
        }, seed: "0GoDurFmt001", iterations: 5_000);

    [Fact]
    public void A_sequence_of_whole_components_parses_to_their_sum() =>
        PropertyCheck.Run(Gen.Select(Components, Gen.Bool, (components, negative) => (components, negative)), sample =>
        {
            var (components, negative) = sample;
            var text = (negative ? "-" : string.Empty)
                       + string.Concat(components.Select(c => c.Count.ToString(CultureInfo.InvariantCulture) + Units[c.Unit].Unit));
            var sum = components.Sum(c => c.Count * Units[c.Unit].Nanoseconds);

            Assert.Equal(Duration.FromNanoseconds(negative ? -sum : sum), GoDuration.Parse(text));
        }, seed: "0GoDurSum001", iterations: 2_000);

    [Fact]
    public void Any_text_either_parses_or_fails_with_a_format_exception_and_try_parse_agrees() =>
        PropertyCheck.Run(NearValid, text =>
        {
            Duration? parsed;
            try
            {
                parsed = GoDuration.Parse(text);
            }
            catch (FormatException e)
            {
                Assert.StartsWith("Invalid Go duration \"", e.Message, StringComparison.Ordinal);
                parsed = null;
            }

            Assert.Equal(parsed is not null, GoDuration.TryParse(text, out var tried));
            if (parsed is { } duration)
            {
                Assert.Equal(duration, tried);
                Assert.Equal(duration, GoDuration.Parse(GoDuration.Format(duration)));
            }
        }, seed: "0GoDurAny001", iterations: 10_000);
}
