using System.Text.Json;
using static Ory.Identity.Tests.Identities.Patching.PatchTestHelpers;

namespace Ory.Identity.Tests.Identities.Patching;

public class IdentityJsonPatchParseTests
{
    [Fact]
    public void Parses_operations_in_order()
    {
        var operations = Parse("""
            [
              {"op":"add","path":"/traits/email","value":"a@example.com"},
              {"op":"remove","path":"/traits/x","extra":1},
              {"op":"replace","path":"/metadata_public","value":{"k":[1,null]}},
              {"op":"move","path":"/a","from":"/b"},
              {"op":"add","path":"/n","value":null}
            ]
            """);
        operations.Should().HaveCount(5);
        operations[0].Should().BeEquivalentTo(new { Op = "add", Path = "/traits/email", From = (string?)null });
        operations[0].Value!.Value.GetString().Should().Be("a@example.com");
        operations[1].Value.Should().BeNull();
        operations[2].Value!.Value.GetRawText().Should().Be("""{"k":[1,null]}""");
        operations[3].From.Should().Be("/b");
        operations[4].Value!.Value.ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Parsed_operations_outlive_the_body()
    {
        var operations = Parse("""[{"op":"add","path":"/a","value":{"b":"c"}}]""");
        GC.Collect();
        IdentityJsonPatch.Apply(Doc("{}"), operations)!.ToJsonString().Should().Be("""{"a":{"b":"c"}}""");
    }

    [Fact]
    public void Duplicate_members_keep_the_last_value() =>
        Parse("""[{"op":"remove","path":"/a","op":"add","value":1}]""")[0].Op.Should().Be("add");

    [Fact]
    public void Empty_array_and_null_give_no_operations()
    {
        Parse("[]").Should().BeEmpty();
        Parse(" null ").Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Empty_body_fails_with_unexpected_end(string body)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
        ex.Error.Message.Should().Be("unexpected end of JSON input");
    }

    [Fact]
    public void Empty_span_fails_with_unexpected_end()
    {
        var ex = ShouldFail(() => IdentityJsonPatch.ParseOperations(ReadOnlySpan<byte>.Empty));
        ex.Error.Message.Should().Be("unexpected end of JSON input");
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
    }

    [Theory]
    [InlineData("[")]
    [InlineData("""[{"op":"add","path":"/a","value":"s3cr3t-PII""")]
    [InlineData("""[{"op":"add","path":"/a","value":tru""")]
    [InlineData("""[{"op":"add",""")]
    public void Truncated_body_fails_with_unexpected_end(string body)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
        ex.Error.Message.Should().Be("unexpected end of JSON input");
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/a","value":s3cr3t-PII-value}]""", "invalid character at line 1, byte 34")]
    [InlineData("""[{"op":"add","path":"/a",}]""", "invalid character at line 1, byte 26")]
    [InlineData("{\n\"a\" 1}", "invalid character at line 2, byte 5")]
    [InlineData("""[] "s3cr3t-PII-value" """, "invalid character after top-level value")]
    [InlineData("""[] x""", "invalid character after top-level value")]
    public void Malformed_body_fails_without_body_content_or_type_names(string body, string message)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
        ex.Error.Message.Should().Be(message);
        ex.Message.Should().NotContain("System.").And.NotContain("JsonException").And.NotContain("s3cr3t");
        ex.InnerException.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":"s3cr3t-PII-value"}""", "object")]
    [InlineData("\"s3cr3t-PII-value\"", "string")]
    [InlineData("42", "number")]
    [InlineData("true", "bool")]
    public void Body_that_is_not_an_array_fails(string body, string kind)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
        ex.Error.Message.Should().Be($"json: cannot unmarshal {kind} into Go value of type jsonpatch.Patch");
    }

    [Theory]
    [InlineData("""["s3cr3t-PII-value"]""", "string")]
    [InlineData("""[[1]]""", "array")]
    [InlineData("""[1]""", "number")]
    public void Element_that_is_not_an_object_fails(string body, string kind)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to unmarshal JSON patch");
        ex.Error.Message.Should().Be($"json: cannot unmarshal {kind} into Go value of type jsonpatch.Operation");
    }

    [Theory]
    [InlineData("""[{"path":"/a","value":"s3cr3t-PII-value"}]""")]
    [InlineData("""[{"op":null,"path":"/a"}]""")]
    [InlineData("""[{"op":1,"path":"/a"}]""")]
    [InlineData("""[null]""")]
    public void Missing_op_fails_as_the_unknown_operation(string body)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Message.Should().Be("unsupported operation: unknown");
        ex.Error.Reason.Should().BeNull();
    }

    [Theory]
    [InlineData("""[{"op":"add","value":"s3cr3t-PII-value"}]""")]
    [InlineData("""[{"op":"add","path":null,"value":1}]""")]
    [InlineData("""[{"op":"add","path":7,"value":1}]""")]
    public void Missing_path_fails(string body)
    {
        var ex = ShouldFail(() => Parse(body));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be("error parsing patch operations: operation missing path field: missing value");
    }

    [Fact]
    public void Non_string_from_is_ignored() =>
        Parse("""[{"op":"add","path":"/a","value":1,"from":5}]""")[0].From.Should().BeNull();
}
