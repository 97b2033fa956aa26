using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities.Patching;

/// <summary>
/// Properties of <see cref="IdentityJsonPatch"/>: any body either decodes to operations or fails with a 400
/// <see cref="InvalidRequestException"/>; any decoded patch either applies or fails with a 400, and never changes the
/// document it was given; a patched document always serializes; and RFC 6901 pointers built from any reference tokens
/// parse back to those tokens.
/// </summary>
public sealed class IdentityJsonPatchProperties
{
    private const string Document = """
        {"id":"0195f0a8-0000-7000-8000-000000000001","schema_id":"default","state":"active",
         "traits":{"email":"a@example.com","names":["x","y"],"nested":{"deep":[{"k":1}]}},
         "credentials":{"password":{"type":"password","identifiers":["a@example.com"],"config":{}}},
         "verifiable_addresses":[{"value":"a@example.com","verified":false}],
         "metadata_public":null,"metadata_admin":{"k":[1,2,null]}}
        """;

    private static readonly Gen<string> Segments = Gen.OneOf(
        "traits", "email", "names", "nested", "deep", "k", "0", "1", "2", "-", "01", "-1", "+1", "1.0", "2147483648",
        "99999999999999999999", "metadata_public", "metadata_admin", "credentials", "password", "config", "hashed_password",
        "identifiers", "verifiable_addresses", "verified", "state", "id", "schema_id", "", "~0", "~1", "a~1b", "\u00E9",
        "\uD800", " ", "\0");

    private static readonly Gen<string> Paths = Gen.Frequency<string>(
        (8, Segments.Array[1, 5].Select(segments => "/" + string.Join('/', segments))),
        (1, Gen.OneOf("", "traits", "~", "/~", "/a~2", "/a~", "//", "/traits/", "#/traits")));

    private static readonly Gen<string> Values = Gen.OneOf(
        "null", "true", "0", "-0", "1e400", "123456789012345678901234567890", "1.5", "\"text\"", "\"\\ud800\"", "\"\\u0000\"",
        "{}", "[]", "{\"a\":1,\"a\":2}", "[1,[2,[3]]]", "{\"email\":\"b@example.com\"}", new string('[', 70) + new string(']', 70),
        "\"" + new string('x', 300) + "\"");

    private static readonly Gen<string> Operations = Gen.Select(
        Gen.Frequency<string>((6, Gen.OneOf("add", "remove", "replace")), (1, Gen.OneOf("move", "copy", "test", "ADD", "", "\\ud800"))),
        Paths,
        Values,
        Gen.Int[0, 15],
        (op, path, value, shape) =>
        {
            // The shape's bits drop or vary members: no op, no path, no value, and a from member.
            var members = new List<string>();
            if ((shape & 1) == 0)
            {
                members.Add($"\"op\":\"{op}\"");
            }

            if ((shape & 2) == 0)
            {
                members.Add($"\"path\":{Quote(path)}");
            }

            if ((shape & 4) == 0)
            {
                members.Add($"\"value\":{value}");
            }

            if ((shape & 8) != 0)
            {
                members.Add($"\"from\":{Quote(path)}");
            }

            return "{" + string.Join(',', members) + "}";
        });

    private static readonly Gen<string> Bodies = Gen.Frequency<string>(
        (6, Operations.Array[0, 4].Select(ops => "[" + string.Join(',', ops) + "]")),
        (1, Gen.OneOf("null", "[null]", "[1]", "{}", "\"add\"", "[[]]", "[{}]", "[] []", "[", " ")));

    /// <summary>Bodies as bytes, sometimes with invalid UTF-8 or a lone surrogate escape spliced in.</summary>
    private static readonly Gen<byte[]> RawBodies = Gen.Select<string, int, int, byte[]>(
        NearValidText.Around(Bodies),
        Gen.Int[0, 5],
        Gen.Int[0, 100_000],
        (body, splice, position) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var at = position % (bytes.Length + 1);
            byte[] inserted = splice switch
            {
                0 => [0xFF],
                1 => [0xC3],
                2 => [0xED, 0xA0, 0x80],
                3 => "\\udc00"u8.ToArray(),
                _ => [],
            };
            return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
        });

    [Fact]
    public void Any_body_decodes_to_operations_or_fails_with_a_400() =>
        PropertyCheck.Run(RawBodies, body =>
        {
            try
            {
                Assert.DoesNotContain(null, IdentityJsonPatch.ParseOperations(body));
            }
            catch (InvalidRequestException e)
            {
                Assert.Equal(400, e.StatusCode);
            }
        }, seed: "0PatchBody01", iterations: 4_000, print: Encoding.UTF8.GetString);

    [Fact]
    public void Any_decoded_patch_applies_or_fails_with_a_400_and_never_changes_the_given_document() =>
        PropertyCheck.Run(Bodies, body =>
        {
            IReadOnlyList<JsonPatchOperation> operations;
            try
            {
                operations = IdentityJsonPatch.ParseOperations(Encoding.UTF8.GetBytes(body));
            }
            catch (InvalidRequestException)
            {
                return;
            }

            var document = JsonNode.Parse(Document);
            var before = document!.ToJsonString();
            try
            {
                var patched = IdentityJsonPatch.Apply(document, operations);
                _ = patched?.ToJsonString();
            }
            catch (InvalidRequestException e)
            {
                Assert.Equal(400, e.StatusCode);
            }

            Assert.Equal(before, document.ToJsonString());
        }, seed: "0PatchApply1", iterations: 4_000);

    [Fact]
    public void A_pointer_built_from_any_reference_tokens_parses_back_to_them() =>
        PropertyCheck.Run(Gen.String[Gen.Char["ab~/01-\u00E9"], 0, 8].Array[0, 5], tokens =>
        {
            var pointer = string.Concat(tokens.Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
            Assert.Equal(tokens, JsonPatchPointer.Parse(pointer));
        }, seed: "0PatchPtr001", iterations: 3_000);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
