using System.Text;
using Ory.Identity.Serialization;

namespace Ory.Identity.Tests.Serialization;

/// <summary>Invalid text in JSON is repaired exactly as Go's encoding/json reads it, and valid JSON is not copied.</summary>
public sealed class JsonTextRepairTests
{
    private static byte[] Bytes(string ascii, params byte[] raw) => [.. Encoding.UTF8.GetBytes(ascii), .. raw, .. "\""u8];

    public static TheoryData<byte[], string> Repairs => new()
    {
        // One U+FFFD per byte of an invalid sequence (utf8.DecodeRune returns RuneError, 1).
        { Bytes("\"", 0xff), "\"\uFFFD\"" },
        { Bytes("\"a", 0xf0, 0x9f, 0x98), "\"a\uFFFD\uFFFD\uFFFD\"" },
        { Bytes("\"", 0xed, 0xa0, 0x80), "\"\uFFFD\uFFFD\uFFFD\"" },
        { Bytes("\"", 0xc0, 0xaf), "\"\uFFFD\uFFFD\"" },
        { Bytes("\"", 0x80), "\"\uFFFD\"" },

        // Surrogate escapes that are not a pair become \ufffd; the rest stays as written.
        { Bytes("\"\\ud800"), "\"\\ufffd\"" },
        { Bytes("\"\\uDFFF"), "\"\\ufffd\"" },
        { Bytes("\"\\ud800\\ud800"), "\"\\ufffd\\ufffd\"" },
        { Bytes("\"\\ud800\\u0041"), "\"\\ufffd\\u0041\"" },
        { Bytes("\"\\udc00\\ud800"), "\"\\ufffd\\ufffd\"" },
        { Bytes("\"\\ud800\\ud83d\\ude00"), "\"\\ufffd\\ud83d\\ude00\"" },
        { Bytes("\"\\\\\\ud800"), "\"\\\\\\ufffd\"" },
        { Bytes("\"\\ud800x", 0xff), "\"\\ufffdx\uFFFD\"" },
    };

    [Theory]
    [MemberData(nameof(Repairs))]
    public void Invalid_text_is_replaced_as_go_reads_it(byte[] input, string expected)
    {
        JsonTextRepair.NeedsRepair(input).Should().BeTrue();
        var repaired = OryIdentityJson.ReplaceInvalidUnicode(input);
        Encoding.UTF8.GetString(repaired).Should().Be(expected);
        JsonTextRepair.NeedsRepair(repaired).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"a":"plain","b":"\u00e9\u4e2d"}""")]
    [InlineData("""{"a":"\\ud800 is text after an escaped backslash"}""")]
    [InlineData("""{"a":"\ud83d\ude00 a valid pair"}""")]
    [InlineData("""{"a":"\uD83D\uDE00 upper case"}""")]
    [InlineData("""{"a":"é 中 😀"}""")]
    [InlineData("""{"a":"\u12"}""")]
    [InlineData("""{"a":"ends with a backslash\""")]
    [InlineData("")]
    public void Valid_text_is_returned_as_is(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        JsonTextRepair.NeedsRepair(bytes).Should().BeFalse();
        OryIdentityJson.ReplaceInvalidUnicode(bytes).Should().BeSameAs(bytes);
    }

    [Fact]
    public void Deserialize_reads_invalid_text_as_kratos()
    {
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(Bytes("{\"schema_id\":\"x\\ud800\",\"traits\":{\"a\":\"", 0xff)[..^1].Concat("\"}}"u8.ToArray()).ToArray());

        request.SchemaId.Should().Be("x\uFFFD");
        request.Traits!.Value.GetProperty("a").GetString().Should().Be("\uFFFD");
    }
}
