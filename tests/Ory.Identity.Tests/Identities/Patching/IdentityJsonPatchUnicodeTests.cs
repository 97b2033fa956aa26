using System.Text;
using static Ory.Identity.Tests.Identities.Patching.PatchTestHelpers;

namespace Ory.Identity.Tests.Identities.Patching;

/// <summary>
/// A patch body with a string or name holding invalid UTF-8 or an unpaired surrogate escape is a 400, not an
/// <see cref="InvalidOperationException"/> from System.Text.Json when the operation or the patched identity is read
/// (found by the JSON Patch properties).
/// </summary>
public sealed class IdentityJsonPatchUnicodeTests
{
    [Theory]
    [InlineData("""[{"op":"\ud800","path":"/traits/a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/traits/\udc00","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/traits/a","from":"/\ud800x","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/traits/a","value":"\ud800"}]""")]
    [InlineData("""[{"op":"add","path":"/traits/a","value":{"\udc00":[1]}}]""")]
    [InlineData("""[{"op":"add","path":"/traits/a","value":1,"\ud800":1}]""")]
    public void An_unpaired_surrogate_escape_is_a_400(string body)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be(JsonPatchErrors.UnmarshalFailedReason);
        ex.Error.Message.Should().Be(JsonPatchErrors.InvalidUnicode);
    }

    [Theory]
    [InlineData("op")]
    [InlineData("path")]
    public void Invalid_utf8_is_a_400(string member)
    {
        var prefix = Encoding.UTF8.GetBytes(member == "op" ? """[{"op":"a""" : """[{"op":"add","path":"/traits/""");
        var suffix = Encoding.UTF8.GetBytes(member == "op" ? """dd","path":"/traits/a","value":1}]""" : """a","value":1}]""");
        byte[] body = [.. prefix, 0xFF, .. suffix];

        var ex = ShouldFail(() => IdentityJsonPatch.ParseOperations(body));
        ex.Error.Message.Should().Be(JsonPatchErrors.InvalidUnicode);
    }
}
