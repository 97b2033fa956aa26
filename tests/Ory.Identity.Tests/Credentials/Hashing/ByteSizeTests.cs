namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>Kratos's byte sizes (<c>hashers.argon2.memory</c>): every unit is a power of 1024, results in whole KiB.</summary>
public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("1024B", 1L)]
    [InlineData("1023", 0L)]
    [InlineData("1K", 1L)]
    [InlineData("2KB", 2L)]
    [InlineData("1M", 1024L)]
    [InlineData("1G", 1048576L)]
    [InlineData("1T", 1073741824L)]
    [InlineData("1TB", 1073741824L)]
    [InlineData("1tib", 1073741824L)]
    [InlineData("  64 MB  ", 65536L)]
    [InlineData("999999999999999999", 976562499999999L)]
    [InlineData("8388607TB", 9007198180999168L)]
    public void Sizes_convert_to_whole_KiB(string text, long kib)
    {
        ByteSize.TryParseKiB(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(kib);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("1000000000000000000")]
    [InlineData("8388608TB")]
    [InlineData("1PB")]
    [InlineData("1 K B")]
    [InlineData("+1MB")]
    public void Anything_else_does_not_parse_and_gives_zero(string? text)
    {
        ByteSize.TryParseKiB(text, out var parsed).Should().BeFalse();
        parsed.Should().Be(0);
    }
}
