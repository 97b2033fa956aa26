using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Ory.Identity.Serialization;

namespace Ory.Identity.Tests.Serialization;

/// <summary>The timestamp converter's UTF-8 fast path agrees with NodaTime's patterns, which decide everything else.</summary>
public sealed class InstantJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new InstantJsonConverter() } };

    public static TheoryData<long> Seeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fast_format_and_parse_agree_with_nodatime(long seed)
    {
        var random = new Random((int)seed);
        var min = Instant.FromUtc(1, 1, 1, 0, 0).ToUnixTimeTicks();
        var max = Instant.FromUtc(9999, 12, 31, 23, 59, 59).ToUnixTimeTicks();
        Span<byte> buffer = stackalloc byte[30];
        for (var i = 0; i < 5_000; i++)
        {
            // Whole seconds, milliseconds, microseconds and full nanoseconds, so trailing-zero trimming is covered.
            var ticks = random.NextInt64(min, max);
            var nanos = (i % 4) switch { 0 => 0, 1 => random.Next(1000) * 1_000_000, 2 => random.Next(1_000_000) * 1000, _ => random.Next(1_000_000_000) };
            var instant = Instant.FromUnixTimeTicks(ticks - (ticks % NodaConstants.TicksPerSecond)).PlusNanoseconds(nanos);
            var expected = InstantPattern.ExtendedIso.Format(instant);

            InstantJsonConverter.TryFormatCanonical(instant, buffer, out var written).Should().BeTrue();
            Encoding.UTF8.GetString(buffer[..written]).Should().Be(expected);

            InstantJsonConverter.TryParseCanonical(Encoding.UTF8.GetBytes(expected), out var parsed).Should().BeTrue();
            parsed.Should().Be(OffsetDateTimePattern.ExtendedIso.Parse(expected).Value.ToInstant());
        }
    }

    [Theory]
    [InlineData("\"2026-11-27T10:00:00Z\"", "2026-11-27T10:00:00Z")]
    [InlineData("\"2026-11-27T10:00:00.5Z\"", "2026-11-27T10:00:00.5Z")]
    [InlineData("\"2026-11-27T10:00:00.123456789Z\"", "2026-11-27T10:00:00.123456789Z")]
    [InlineData("\"2026-11-27T11:00:00+01:00\"", "2026-11-27T10:00:00Z")]
    [InlineData("\"2026-11-27T10:00:00,25Z\"", "2026-11-27T10:00:00.25Z")]
    [InlineData("\"2024-02-29T00:00:00Z\"", "2024-02-29T00:00:00Z")]
    [InlineData("\"2026-11-27T10:00:00\\u005A\"", "2026-11-27T10:00:00Z")]
    public void Reads_rfc3339_in_any_offset_and_writes_utc(string json, string written)
    {
        var instant = JsonSerializer.Deserialize<Instant>(json, Options);

        JsonSerializer.Serialize(instant, Options).Should().Be("\"" + written + "\"");
    }

    [Theory]
    [InlineData("\"2026-02-29T00:00:00Z\"")]
    [InlineData("\"2026-13-01T00:00:00Z\"")]
    [InlineData("\"2026-11-27T10:00:60Z\"")]
    [InlineData("\"2026-11-27t10:00:00z\"")]
    [InlineData("\"2026-11-27T10:00:00.1234567890Z\"")]
    [InlineData("\"2026-11-27 10:00:00Z\"")]
    [InlineData("\"2026-11-27T10:00:00\"")]
    [InlineData("\"not a time\"")]
    [InlineData("1700000000")]
    public void Refuses_what_is_not_an_rfc3339_timestamp(string json)
    {
        var read = () => JsonSerializer.Deserialize<Instant>(json, Options);

        read.Should().Throw<JsonException>();
        InstantJsonConverter.TryParseCanonical(Encoding.UTF8.GetBytes(json.Trim('"')), out _).Should().BeFalse();
    }
}
