using static Ory.Identity.Tests.Identities.Patching.PatchTestHelpers;

namespace Ory.Identity.Tests.Identities.Patching;

public class IdentityJsonPatchRulesTests
{
    private const string Document = """{"id":"x","traits":{"email":"a@example.com"},"credentials":{"password":{"config":{}},"oidc":{"config":{}}}}""";

    [Theory]
    [InlineData("move")]
    [InlineData("copy")]
    [InlineData("test")]
    [InlineData("unknown")]
    [InlineData("merge")]
    [InlineData("ADD")]
    [InlineData("Replace")]
    [InlineData("")]
    public void Unsupported_operations_fail_with_Kratos_message_and_no_reason(string op)
    {
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op(op, "/traits/email", $"\"{Secret}\"", from: "/traits/x")]));
        ex.Error.Message.Should().Be($"unsupported operation: {op}");
        ex.Error.Reason.Should().BeNull();
    }

    [Theory]
    [InlineData("/id")]
    [InlineData("/ID")]
    [InlineData("/Id")]
    [InlineData("/stateChangedAt")]
    [InlineData("/statechangedat")]
    [InlineData("/STATECHANGEDAT")]
    [InlineData("/state_changed_at")]
    [InlineData("/State_Changed_At")]
    [InlineData("/credentials")]
    [InlineData("/Credentials")]
    [InlineData("/credentials/oidc")]
    [InlineData("/credentials/OIDC")]
    [InlineData("/Credentials/OIDC/config")]
    [InlineData("/credentials/oidc/")]
    [InlineData("/credentials/oidc/config/providers/0")]
    [InlineData("/credentials/oidc/identifiers/-")]
    [InlineData("/credentials/saml")]
    [InlineData("/credentials/SAML")]
    [InlineData("/credentials/saml/x/y")]
    [InlineData("/CREDENTIALS/SAML/config")]
    public void Denied_paths_fail_for_every_operation(string path)
    {
        foreach (var op in new[] { "add", "replace", "remove" })
        {
            var operation = op == "remove" ? Op(op, path) : Op(op, path, $"\"{Secret}\"");
            var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [operation]));
            ex.Error.Reason.Should().Be("failed to apply JSON patch");
            ex.Error.Message.Should().Be($"patch includes denied path: {path}");
        }
    }

    [Theory]
    [InlineData("/id")]
    [InlineData("/Credentials/OIDC/config")]
    public void Denied_from_fails(string from)
    {
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op("add", "/traits/x", $"\"{Secret}\"", from: from)]));
        ex.Error.Reason.Should().Be("failed to apply JSON patch");
        ex.Error.Message.Should().Be($"patch includes denied path: {from}");
    }

    [Theory]
    [InlineData("/credentials/password/config/hashed_password")]
    [InlineData("/credentials/password")]
    [InlineData("/credentials/webauthn/config")]
    [InlineData("/credentials/oidcx")]
    [InlineData("/credentialsx")]
    [InlineData("/identity")]
    [InlineData("/idx")]
    [InlineData("/traits/id")]
    [InlineData("/traits/credentials/oidc")]
    [InlineData("/metadata_admin/state_changed_at")]
    public void Paths_outside_the_deny_list_are_allowed(string path)
    {
        JsonPatchDenyList.IsDenied(path).Should().BeFalse();
        var result = IdentityJsonPatch.Apply(Doc(Document), [Op("add", path, "\"v\"")]);
        result.Should().NotBeNull();
    }

    [Fact]
    public void Unsupported_operation_is_reported_before_a_later_denied_path()
    {
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op("copy", "/traits/a", from: "/traits/email"), Op("remove", "/id")]));
        ex.Error.Message.Should().Be("unsupported operation: copy");
    }

    [Fact]
    public void Denied_path_is_reported_before_a_later_unsupported_operation()
    {
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op("remove", "/id"), Op("copy", "/traits/a", from: "/traits/email")]));
        ex.Error.Message.Should().Be("patch includes denied path: /id");
    }

    [Fact]
    public void Checks_of_every_operation_happen_before_pointer_and_apply_errors()
    {
        // The first operation would fail to apply; Kratos still reports the denied path of the second one.
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op("remove", "/traits/missing"), Op("add", "/credentials/saml/x", $"\"{Secret}\"")]));
        ex.Error.Message.Should().Be("patch includes denied path: /credentials/saml/x");
    }

    [Fact]
    public void Exception_messages_carry_kratos_text_but_no_values()
    {
        var ex = ShouldFail(() => IdentityJsonPatch.Apply(Doc(Document), [Op("replace", "/id", $$"""{"nested":"{{Secret}}"}""")]));
        ex.Message.Should().Be("failed to apply JSON patch: patch includes denied path: /id");
    }

    [Fact]
    public void Operation_ToString_hides_the_value() =>
        Op("add", "/traits/email", $"\"{Secret}\"").ToString().Should().NotContain(Secret).And.Contain("/traits/email");
}
