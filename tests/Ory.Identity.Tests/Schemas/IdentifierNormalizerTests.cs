namespace Ory.Identity.Tests.Schemas;

public class IdentifierNormalizerTests
{
    [Theory]
    [InlineData("FÖÖ@ory.sh", "föö@ory.sh")]
    [InlineData("Foo🥳🖐️baR", "foo🥳🖐bar")]
    [InlineData("  foo@ory.sh  ", "foo@ory.sh")]
    [InlineData("foo\u200B@ory.sh", "foo@ory.sh")] // ZWSP
    [InlineData("foo\u200D@ory.sh", "foo@ory.sh")] // ZWJ
    [InlineData("foo\u00AD@ory.sh", "foo@ory.sh")] // soft hyphen
    [InlineData("\uFEFFfoo@ory.sh", "foo@ory.sh")] // BOM
    [InlineData("foo\u2060@ory.sh", "foo@ory.sh")] // word joiner
    [InlineData("foo\u202E@ory.sh", "foo@ory.sh")] // RLO
    [InlineData("foo\u034F@ory.sh", "foo@ory.sh")] // CGJ
    [InlineData("foo\u3164@ory.sh", "foo@ory.sh")] // Hangul filler
    [InlineData("foo\uFE0F@ory.sh", "foo@ory.sh")] // VS16
    [InlineData("ＦＯＯ@ory.sh", "foo@ory.sh")] // fullwidth
    [InlineData("+49 176 671 11 638", "+4917667111638")]
    [InlineData("foo@ory.sh", "foo@ory.sh")]
    [InlineData("+12", "+12")]
    public void Graceful_normalization(string input, string expected) =>
        IdentifierNormalizer.NormalizeGraceful(input).Should().Be(expected);

    [Fact]
    public void Cyrillic_a_stays_distinct_from_latin_a() =>
        IdentifierNormalizer.NormalizeGraceful("\u0430dmin").Should().Be("\u0430dmin").And.NotBe("admin");

    [Fact]
    public void Already_normalized_ascii_is_returned_as_is()
    {
        const string value = "foo@ory.sh";
        IdentifierNormalizer.NormalizeGraceful(value).Should().BeSameAs(value);
    }

    [Fact]
    public void Only_printable_lower_case_ascii_is_returned_as_is()
    {
        // The shortcut for text normalization leaves alone: every ASCII character, and a few beyond, between two letters.
        var characters = Enumerable.Range(0, 0x80).Concat([0xA0, 0xC4, 0xE4, 0x200B, 0xFF21]).Select(c => (char)c);
        foreach (var c in characters)
        {
            var value = "a" + c + "b";
            var plain = c is >= ' ' and <= '~' and not (>= 'A' and <= 'Z');
            ReferenceEquals(IdentifierNormalizer.NormalizeGraceful(value), value).Should().Be(plain, "U+{0:X4}", (int)c);
        }
    }

    [Theory]
    [InlineData("Foo@Ory.sh", true, "foo@ory.sh")]
    [InlineData("föö@ory.sh", true, "föö@ory.sh")]
    [InlineData("foo\u200B@ory.sh", false, "")]
    [InlineData("not-an-email", false, "")]
    [InlineData("foo@-ory.sh", false, "")]
    [InlineData("a..b@ory.sh", false, "")]
    public void Strict_email_normalization(string input, bool ok, string expected)
    {
        IdentifierNormalizer.TryNormalizeEmailStrict(input, out var normalized).Should().Be(ok);
        normalized.Should().Be(expected);
    }

    [Theory]
    [InlineData("+49 176 671 11 638", true, "+4917667111638")]
    [InlineData("+1 650-253-0000", true, "+16502530000")]
    [InlineData("0176 67111638", false, "")]
    [InlineData("+12", false, "")]
    public void Phone_normalization_requires_a_valid_number_with_leading_plus(string input, bool ok, string expected)
    {
        IdentifierNormalizer.TryNormalizePhone(input, out var e164).Should().Be(ok);
        e164.Should().Be(expected);
    }
}
