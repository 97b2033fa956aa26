namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>The subset of Go's <c>fmt.Sscanf</c> that hash parameters are read with (Kratos's hash parsers).</summary>
public sealed class GoScanTests
{
    [Fact]
    public void Literals_must_match_exactly_and_in_order()
    {
        var scan = new GoScan("m=64,t=2");

        scan.Literal("m=").Should().BeTrue();
        scan.Unsigned(64, out var m).Should().BeTrue();
        scan.Literal(",x=").Should().BeFalse();
        scan.Literal(",t=").Should().BeTrue();
        scan.Unsigned(32, out var t).Should().BeTrue();
        (m, t).Should().Be((64UL, 2UL));
        new GoScan("M=64").Literal("m=").Should().BeFalse();
    }

    [Theory]
    [InlineData("255", 8, true, 255UL)]
    [InlineData("256", 8, false, 256UL)]
    [InlineData("4294967295", 32, true, 4294967295UL)]
    [InlineData("4294967296", 32, false, 4294967296UL)]
    [InlineData("18446744073709551615", 64, true, ulong.MaxValue)]
    [InlineData("0", 8, true, 0UL)]
    [InlineData("007", 8, true, 7UL)]
    public void Unsigned_numbers_must_fit_the_target_width(string text, int bits, bool fits, ulong value)
    {
        var scan = new GoScan(text);

        scan.Unsigned(bits, out var read).Should().Be(fits);
        read.Should().Be(value);
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData("x1")]
    [InlineData("+1")]
    [InlineData("-1")]
    public void Unsigned_refuses_overflow_no_digits_and_signs(string text) =>
        new GoScan(text).Unsigned(64, out _).Should().BeFalse();

    [Fact]
    public void Numbers_skip_leading_blanks_but_not_newlines_and_stop_at_the_first_non_digit()
    {
        var scan = new GoScan(" \t12,");
        scan.Unsigned(32, out var value).Should().BeTrue();
        value.Should().Be(12UL);
        scan.Literal(",").Should().BeTrue();

        new GoScan("\n12").Unsigned(32, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("19", true, 19L)]
    [InlineData("+19", true, 19L)]
    [InlineData("-19", true, -19L)]
    [InlineData(" -7", true, -7L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("-", false, 0L)]
    [InlineData("--1", false, 0L)]
    public void Signed_numbers_take_one_sign_and_fit_64_bits(string text, bool valid, long expected)
    {
        var scan = new GoScan(text);

        scan.Signed(out var value).Should().Be(valid);
        if (valid)
        {
            value.Should().Be(expected);
        }
    }

    [Fact]
    public void A_word_is_a_non_empty_run_up_to_the_next_space()
    {
        var scan = new GoScan("pf=  e1NBTFR9 rest");
        scan.Literal("pf=").Should().BeTrue();
        scan.Word(out var word).Should().BeTrue();
        word.Should().Be("e1NBTFR9");
        scan.Word(out var next).Should().BeTrue();
        next.Should().Be("rest");

        var empty = new GoScan("   ");
        empty.Word(out var none).Should().BeFalse();
        none.Should().BeEmpty();
    }
}
