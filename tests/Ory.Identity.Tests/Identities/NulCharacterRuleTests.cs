using System.Text.Json;

namespace Ory.Identity.Tests.Identities;

/// <summary>Where <see cref="NulCharacterRule"/> finds a NUL in JSON, and what it does not take for one.</summary>
public sealed class NulCharacterRuleTests
{
    [Theory]
    [InlineData("""{"a":"x"}""", null)]
    [InlineData("""{"a":"\\u0000"}""", null)]
    [InlineData("""{"a":"\\\\u0000"}""", null)]
    [InlineData("""{"a":"\\\u0000"}""", "#/a")]
    [InlineData("""{"a":["ok","\u0000"]}""", "#/a/1")]
    [InlineData("""{"a/b~c":{"d":"\u0000"}}""", "#/a~1b~0c/d")]
    [InlineData("""{"a":{"k\u0000":1}}""", "#/a")]
    [InlineData("\"\\u0000\"", "#")]
    [InlineData("""[1,true,null,"\u0000"]""", "#/3")]
    [InlineData("""{"n":1e3,"b":false}""", null)]
    public void Finds_the_first_string_or_property_name_holding_a_NUL(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);

        NulCharacterRule.FindIn(document.RootElement, "#").Should().Be(expected);
        NulCharacterRule.Holds(document.RootElement).Should().Be(expected is not null);
    }

    [Fact]
    public void Refuses_traits_as_one_schema_violation_that_does_not_quote_the_value()
    {
        using var document = JsonDocument.Parse("""{"email":"secret\u0000@example.org"}""");

        var refused = FluentActions.Invoking(() => NulCharacterRule.EnsureTraits(document.RootElement)).Should().Throw<IdentityValidationException>().Which;

        refused.Errors.Should().ContainSingle().Which.InstancePointer.Should().Be("#/traits/email");
        refused.Error.Reason.Should().Be("I[#/traits/email] S[#/properties/traits] must not contain the NUL character (U+0000)");
        refused.Message.Should().NotContain("secret");
    }
}
