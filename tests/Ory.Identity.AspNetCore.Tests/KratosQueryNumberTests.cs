using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// Query numbers follow Go's <c>strconv</c> syntax exactly (found by the query properties): one optional sign, then
/// ASCII digits only, so a doubled sign is invalid syntax rather than out of range, and trailing NUL characters (which
/// .NET's parser skips) make the text invalid.
/// </summary>
public sealed class KratosQueryNumberTests
{
    [Theory]
    [InlineData("--8")]
    [InlineData("+-8")]
    [InlineData("8\0")]
    [InlineData("\0")]
    [InlineData("+")]
    public void Atoi_calls_these_invalid_syntax(string text) =>
        Assert.Throws<InvalidRequestException>(() => KratosQuery.Atoi(text)).Error.Reason
            .Should().Be($"strconv.Atoi: parsing {GoFormat.Quote(text)}: invalid syntax");

    [Fact]
    public void Atoi_calls_a_well_formed_number_past_the_bound_out_of_range() =>
        Assert.Throws<InvalidRequestException>(() => KratosQuery.Atoi("-9223372036854775809")).Error.Reason
            .Should().Be("strconv.Atoi: parsing \"-9223372036854775809\": value out of range");

    [Theory]
    [InlineData("0\0")]
    [InlineData("12\0\0")]
    [InlineData("--1")]
    public void TryParseLong_refuses_what_go_refuses(string text) =>
        KratosQuery.TryParseLong(text).Should().BeNull();

    [Theory]
    [InlineData("+7", 7)]
    [InlineData("-007", -7)]
    public void Signed_and_zero_padded_numbers_parse_as_in_go(string text, int expected)
    {
        KratosQuery.Atoi(text).Should().Be(expected);
        KratosQuery.TryParseLong(text).Should().Be(expected);
    }
}
