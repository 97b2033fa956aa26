using System.Text.Json.Nodes;
using static Ory.Identity.Tests.Identities.Patching.PatchTestHelpers;

namespace Ory.Identity.Tests.Identities.Patching;

public class IdentityJsonPatchApplyTests
{
    private const string Identity = """
        {
          "id": "9f425a8d-7efc-4768-8f23-7647a74fdf13",
          "schema_id": "default",
          "state": "active",
          "state_changed_at": "2024-01-01T00:00:00Z",
          "traits": { "email": "a@example.com", "tags": ["x", "y"] },
          "metadata_public": null,
          "credentials": {
            "password": { "type": "password", "identifiers": ["a@example.com"], "config": { "hashed_password": "$2a$old" } },
            "oidc": { "type": "oidc", "identifiers": ["google:1"], "config": { "providers": [] } }
          }
        }
        """;

    private static JsonNode? Apply(string document, params JsonPatchOperation[] operations) =>
        IdentityJsonPatch.Apply(Doc(document), operations);

    [Fact]
    public void Add_sets_a_new_member() =>
        Text(Apply("""{"a":1}""", Op("add", "/b", "2"))).Should().Be(Canonical("""{"a":1,"b":2}"""));

    [Fact]
    public void Add_overwrites_an_existing_member() =>
        Text(Apply("""{"a":1}""", Op("add", "/a", """{"x":[1]}"""))).Should().Be(Canonical("""{"a":{"x":[1]}}"""));

    [Fact]
    public void Add_inserts_into_an_array_at_an_index() =>
        Text(Apply("""{"a":[1,3]}""", Op("add", "/a/1", "2"))).Should().Be(Canonical("""{"a":[1,2,3]}"""));

    [Fact]
    public void Add_at_the_array_length_appends() =>
        Text(Apply("""{"a":[1]}""", Op("add", "/a/1", "2"))).Should().Be(Canonical("""{"a":[1,2]}"""));

    [Fact]
    public void Add_with_dash_appends() =>
        Text(Apply("""{"a":[1]}""", Op("add", "/a/-", "2"), Op("add", "/a/-", "3")))
            .Should().Be(Canonical("""{"a":[1,2,3]}"""));

    [Fact]
    public void Add_creates_missing_object_parents() =>
        Text(Apply("""{"a":{}}""", Op("add", "/a/b/c/d", "true"))).Should().Be(Canonical("""{"a":{"b":{"c":{"d":true}}}}"""));

    [Fact]
    public void Add_replaces_a_null_parent_with_an_object() =>
        Text(Apply("""{"metadata_public":null}""", Op("add", "/metadata_public/plan", "\"pro\"")))
            .Should().Be(Canonical("""{"metadata_public":{"plan":"pro"}}"""));

    [Theory]
    [InlineData("/a/2")]
    [InlineData("/a/01")]
    [InlineData("/a/-1")]
    [InlineData("/a/x")]
    [InlineData("/a/5/b")]
    public void Add_with_an_invalid_array_index_fails(string path)
    {
        var ex = ShouldFail(() => Apply("""{"a":[1]}""", Op("add", path, $"\"{Secret}\"")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Contain(path);
    }

    [Fact]
    public void Add_below_a_primitive_fails()
    {
        var ex = ShouldFail(() => Apply("""{"a":"text"}""", Op("add", "/a/b", $"\"{Secret}\"")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be("add operation does not apply: doc is missing path: \"/a/b\"");
    }

    [Fact]
    public void Replace_sets_an_existing_member() =>
        Text(Apply("""{"a":1,"b":2}""", Op("replace", "/a", "\"x\""))).Should().Be(Canonical("""{"a":"x","b":2}"""));

    [Fact]
    public void Replace_sets_an_array_element() =>
        Text(Apply("""{"a":[1,2,3]}""", Op("replace", "/a/1", "20"))).Should().Be(Canonical("""{"a":[1,20,3]}"""));

    [Fact]
    public void Replace_of_a_missing_member_is_an_add_and_creates_parents() =>
        Text(Apply("""{"traits":{}}""", Op("replace", "/metadata_admin/notes/first", "\"n\"")))
            .Should().Be(Canonical("""{"traits":{},"metadata_admin":{"notes":{"first":"n"}}}"""));

    [Fact]
    public void Replace_of_an_integer_member_of_an_object_stays_strict()
    {
        Text(Apply("""{"a":{"5":1}}""", Op("replace", "/a/5", "2"))).Should().Be(Canonical("""{"a":{"5":2}}"""));
        var ex = ShouldFail(() => Apply("""{"a":{}}""", Op("replace", "/a/5", $"\"{Secret}\"")));
        ex.Error.Message.Should().Be("replace operation does not apply: doc is missing path: \"/a/5\"");
    }

    [Theory]
    [InlineData("/a/3")]
    [InlineData("/a/-")]
    public void Replace_of_a_missing_array_element_fails(string path)
    {
        var ex = ShouldFail(() => Apply("""{"a":[1,2,3]}""", Op("replace", path, $"\"{Secret}\"")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be($"replace operation does not apply: invalid array index in path: \"{path}\"");
    }

    [Fact]
    public void Remove_deletes_a_member() =>
        Text(Apply("""{"a":1,"b":{"c":2}}""", Op("remove", "/b/c"))).Should().Be(Canonical("""{"a":1,"b":{}}"""));

    [Fact]
    public void Remove_deletes_an_array_element() =>
        Text(Apply("""{"a":[1,2,3]}""", Op("remove", "/a/0"))).Should().Be(Canonical("""{"a":[2,3]}"""));

    [Theory]
    [InlineData("""{"a":1}""", "/b")]
    [InlineData("""{"a":1}""", "/b/c")]
    [InlineData("""{"a":[1]}""", "/a/1")]
    [InlineData("""{"a":[1]}""", "/a/-")]
    [InlineData("""{"a":"x"}""", "/a/b")]
    [InlineData("""{"a":1}""", "")]
    public void Remove_of_a_missing_path_fails(string document, string path)
    {
        var ex = ShouldFail(() => Apply(document, Op("remove", path)));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Contain($"remove operation does not apply: ").And.Contain($"\"{path}\"");
    }

    [Theory]
    [InlineData("add")]
    [InlineData("replace")]
    public void Operations_on_the_whole_document_fail(string op)
    {
        var ex = ShouldFail(() => Apply("""{"a":1}""", Op(op, "", $$"""{"id":"{{Secret}}"}""")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be($"{op} operation does not apply: doc is missing path: \"\"");
    }

    [Fact]
    public void Escapes_are_decoded_per_RFC_6901()
    {
        var result = Apply("""{"a/b":1,"m~n":2,"~1":3}""",
            Op("replace", "/a~1b", "10"),
            Op("replace", "/m~0n", "20"),
            Op("remove", "/~01"),
            Op("add", "/x~1y~0z", "4"));
        Text(result).Should().Be(Canonical("""{"a/b":10,"m~n":20,"x/y~z":4}"""));
    }

    [Fact]
    public void Member_names_are_case_sensitive() =>
        Text(Apply("""{"a":1}""", Op("add", "/A", "2"))).Should().Be(Canonical("""{"a":1,"A":2}"""));

    [Theory]
    [InlineData("traits/email", "must be empty or start with \"/\"")]
    [InlineData("/traits/e~2mail", "\"~\" must be followed by \"0\" or \"1\"")]
    [InlineData("/traits/email~", "\"~\" must be followed by \"0\" or \"1\"")]
    public void Invalid_pointers_fail(string path, string problem)
    {
        var ex = ShouldFail(() => Apply(Identity, Op("add", path, $"\"{Secret}\"")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be($"invalid JSON pointer \"{path}\": {problem}");
    }

    [Theory]
    [InlineData("add")]
    [InlineData("replace")]
    public void Add_and_replace_without_value_fail(string op)
    {
        var ex = ShouldFail(() => Apply("""{"a":1}""", Op(op, "/a")));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be($"{op} operation missing value: \"/a\"");
    }

    [Fact]
    public void Null_values_are_written_as_null() =>
        Text(Apply("""{"a":1}""", Op("replace", "/a", "null"))).Should().Be(Canonical("""{"a":null}"""));

    [Fact]
    public void Operations_apply_in_order() =>
        Text(Apply("""{}""", Op("add", "/a", "[]"), Op("add", "/a/-", "1"), Op("replace", "/a/0", "2"), Op("add", "/b", "3"), Op("remove", "/b")))
            .Should().Be(Canonical("""{"a":[2]}"""));

    [Fact]
    public void The_same_value_object_is_not_shared_between_operations()
    {
        var result = Apply("""{}""", Op("add", "/a", """{"k":1}"""), Op("add", "/b", """{"k":1}"""), Op("replace", "/a/k", "2"));
        Text(result).Should().Be(Canonical("""{"a":{"k":2},"b":{"k":1}}"""));
    }

    [Fact]
    public void Patching_does_not_mutate_the_input()
    {
        var input = Doc(Identity);
        var before = input.ToJsonString();
        var result = IdentityJsonPatch.Apply(input, [Op("replace", "/traits/email", "\"b@example.com\""), Op("remove", "/traits/tags/0")]);
        input.ToJsonString().Should().Be(before);
        result!["traits"]!["email"]!.GetValue<string>().Should().Be("b@example.com");
        result["traits"]!["tags"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public void No_operations_return_the_document() =>
        IdentityJsonPatch.Apply(Doc("""{"a":1}"""), []).Should().NotBeNull();

    [Fact]
    public void Nothing_is_applied_when_a_later_operation_fails_to_apply()
    {
        var input = Doc(Identity);
        var before = input.ToJsonString();
        ShouldFail(() => IdentityJsonPatch.Apply(input, [
            Op("replace", "/traits/email", $"\"{Secret}\""),
            Op("remove", "/traits/missing"),
        ]));
        input.ToJsonString().Should().Be(before);
    }

    [Theory]
    [InlineData("move")]
    [InlineData("test")]
    [InlineData("/id")]
    [InlineData("bad-pointer")]
    public void Nothing_is_applied_when_a_later_operation_is_invalid(string kind)
    {
        var later = kind switch
        {
            "move" => Op("move", "/traits/x", from: "/traits/email"),
            "test" => Op("test", "/traits/email", $"\"{Secret}\""),
            "/id" => Op("replace", "/id", $"\"{Secret}\""),
            _ => Op("add", "traits", $"\"{Secret}\""),
        };
        var input = Doc(Identity);
        var before = input.ToJsonString();
        ShouldFail(() => IdentityJsonPatch.Apply(input, [Op("replace", "/traits/email", $"\"{Secret}\""), later]));
        input.ToJsonString().Should().Be(before);
    }

    [Fact]
    public void Password_hash_can_be_patched()
    {
        var result = Apply(Identity, Op("replace", "/credentials/password/config/hashed_password", "\"$2a$new\""));
        result!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>().Should().Be("$2a$new");
    }

    [Fact]
    public void Whole_non_oidc_credentials_can_be_replaced()
    {
        var result = Apply(Identity, Op("replace", "/credentials/password", """{"type":"password","identifiers":[],"config":{}}"""));
        result!["credentials"]!["password"]!["identifiers"]!.AsArray().Should().BeEmpty();
        result["credentials"]!["oidc"].Should().NotBeNull();
    }
}
