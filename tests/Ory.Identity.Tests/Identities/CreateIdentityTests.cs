using System.Text.Json;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class CreateIdentityTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Quickstart_identity_has_kratos_shape()
    {
        var identity = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        using var json = JsonDocument.Parse(OryIdentityJson.Serialize(identity));
        var root = json.RootElement;
        root.GetProperty("id").GetGuid().Should().Be(identity.Id).And.NotBeEmpty();
        root.GetProperty("schema_id").GetString().Should().Be("default");
        root.GetProperty("schema_url").GetString().Should().Be("http://127.0.0.1:4433/schemas/ZGVmYXVsdA");
        root.GetProperty("state").GetString().Should().Be("active");
        root.GetProperty("state_changed_at").GetString().Should().Be("2026-11-27T10:00:00Z");
        root.GetProperty("traits").GetRawText().Should().Be("""{"email":"foo@ory.sh"}""");
        root.GetProperty("metadata_public").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("organization_id").ValueKind.Should().Be(JsonValueKind.Null);
        root.TryGetProperty("metadata_admin", out _).Should().BeFalse();
        root.TryGetProperty("external_id", out _).Should().BeFalse();
        root.GetProperty("created_at").GetString().Should().Be("2026-11-27T10:00:00Z");
        root.GetProperty("updated_at").GetString().Should().Be("2026-11-27T10:00:00Z");

        var verifiable = root.GetProperty("verifiable_addresses").EnumerateArray().Should().ContainSingle().Subject;
        verifiable.GetProperty("value").GetString().Should().Be("foo@ory.sh");
        verifiable.GetProperty("verified").GetBoolean().Should().BeFalse();
        verifiable.GetProperty("via").GetString().Should().Be("email");
        verifiable.GetProperty("status").GetString().Should().Be("pending");
        verifiable.TryGetProperty("verified_at", out _).Should().BeFalse();

        var recovery = root.GetProperty("recovery_addresses").EnumerateArray().Should().ContainSingle().Subject;
        recovery.GetProperty("value").GetString().Should().Be("foo@ory.sh");
        recovery.GetProperty("via").GetString().Should().Be("email");

        var password = root.GetProperty("credentials").GetProperty("password");
        password.GetProperty("type").GetString().Should().Be("password");
        password.GetProperty("identifiers").EnumerateArray().Select(e => e.GetString()).Should().Equal("foo@ory.sh");
        password.GetProperty("version").GetInt32().Should().Be(1);
        password.TryGetProperty("config", out _).Should().BeFalse("create answers without credential config");
    }

    [Fact]
    public async Task Stored_password_credential_has_empty_config_when_no_password_was_given()
    {
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var read = await _host.Manager.GetAsync(created.Id, new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password] });

        read.Credentials[CredentialsType.Password].Config!.Value.GetRawText().Should().Be("{}");
    }

    [Fact]
    public async Task An_identity_without_secrets_is_returned_as_stored_without_a_copy()
    {
        // The derived password credential has Kratos's empty config, kept as "no config", so the admin view has nothing
        // to remove and the manager hands out the stored (immutable) record itself.
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var stored = await _host.Store.GetAsync(created.Id);

        created.Should().BeSameAs(stored);
        stored!.Credentials[CredentialsType.Password].Config.Should().BeNull();
        OryIdentityJson.Serialize(created).Should().NotContain("\"config\"");
    }

    [Fact]
    public async Task Identifier_is_normalized_but_traits_keep_their_case()
    {
        var identity = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"UpperCased@Ory.sh"}"""));

        identity.Traits.GetProperty("email").GetString().Should().Be("UpperCased@Ory.sh");
        identity.Credentials[CredentialsType.Password].Identifiers.Should().Equal("uppercased@ory.sh");
        identity.VerifiableAddresses.Single().Value.Should().Be("uppercased@ory.sh");
        identity.RecoveryAddresses.Single().Value.Should().Be("uppercased@ory.sh");
    }

    [Fact]
    public async Task Imported_verified_address_keeps_its_state_and_unrelated_addresses_are_dropped()
    {
        var request = TestHost.Create("""{"email":"foo@ory.sh"}""") with
        {
            VerifiableAddresses =
            [
                new VerifiableAddressImport { Value = "FOO@ory.sh", Verified = true },
                new VerifiableAddressImport { Value = "other@ory.sh", Verified = true },
            ],
        };

        var identity = await _host.Manager.CreateAsync(request);

        var address = identity.VerifiableAddresses.Should().ContainSingle().Subject;
        address.Value.Should().Be("foo@ory.sh");
        address.Verified.Should().BeTrue();
        address.Status.Should().Be(VerifiableAddressStatus.Completed);
        address.VerifiedAt.Should().Be(TestHost.Start);
    }

    [Fact]
    public async Task Metadata_state_external_id_and_organization_are_stored_as_given()
    {
        var organization = Guid.NewGuid();
        var request = TestHost.Create("""{"email":"foo@ory.sh"}""") with
        {
            MetadataPublic = TestHost.Json("""{"plan":"pro"}"""),
            MetadataAdmin = TestHost.Json("""{"note":"vip"}"""),
            State = IdentityState.Inactive,
            ExternalId = "legacy-42",
            OrganizationId = organization,
        };

        var created = await _host.Manager.CreateAsync(request);
        var read = await _host.Manager.GetByExternalIdAsync("legacy-42");

        read.Id.Should().Be(created.Id);
        read.State.Should().Be(IdentityState.Inactive);
        read.MetadataPublic!.Value.GetRawText().Should().Be("""{"plan":"pro"}""");
        read.MetadataAdmin!.Value.GetRawText().Should().Be("""{"note":"vip"}""");
        read.OrganizationId.Should().Be(organization);
    }

    [Fact]
    public async Task Kratos_create_body_is_accepted_verbatim()
    {
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"schema_id":"default","traits":{"email":"foo@ory.sh","name":{"first":"Foo"}},"state":"active","metadata_public":null}""");

        var identity = await _host.Manager.CreateAsync(request);

        identity.Traits.GetProperty("name").GetProperty("first").GetString().Should().Be("Foo");
    }

    [Fact]
    public async Task Unknown_schema_is_refused_and_nothing_is_stored()
    {
        var act = () => _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}""", schemaId: "nope"));

        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Status.Should().Be("Bad Request");
        error.Reason.Should().Be("Unable to find JSON Schema ID: nope");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("""{"email":1}""", "#/traits/email", "#/properties/traits/properties/email/type", "expected string, but got number")]
    [InlineData("""{}""", "#/traits", "#/properties/traits/required", "missing properties: \"email\"")]
    [InlineData("""{"email":"foo@ory.sh","department":"x"}""", "#/traits", "#/properties/traits/additionalProperties", "additionalProperties \"department\" not allowed")]
    [InlineData("""{"email":"not-an-email"}""", "#/traits/email", "#/properties/traits/properties/email/format", "\"not-an-email\" is not valid \"email\"")]
    public async Task Traits_violating_the_schema_are_refused_with_kratos_text(string traits, string instance, string schema, string message)
    {
        var act = () => _host.Manager.CreateAsync(TestHost.Create(traits));

        var exception = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        exception.Error.Code.Should().Be(400);
        exception.Errors.Should().ContainEquivalentOf(new SchemaValidationError(instance, schema, message));
        exception.Error.Reason.Should().Contain($"I[{instance}] S[{schema}] {message}");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Invalid_email_does_not_leak_into_the_exception_message()
    {
        var act = () => _host.Manager.CreateAsync(TestHost.Create("""{"email":"secret-value"}"""));

        var exception = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        exception.Message.Should().NotContain("secret-value");
        exception.ToString().Should().NotContain("secret-value");
    }

    [Fact]
    public async Task Invalid_tel_is_refused()
    {
        using var host = new TestHost("quickstart-phone-password");

        var act = () => host.Manager.CreateAsync(TestHost.Create("""{"phone":"12345"}"""));

        var exception = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        exception.Errors.Should().Contain(e => e.InstancePointer == "#/traits/phone");
        (await host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Invalid_state_is_refused()
    {
        var request = TestHost.Create("""{"email":"foo@ory.sh"}""") with { State = new IdentityState("paused") };

        var act = () => _host.Manager.CreateAsync(request);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be("identity state is not valid");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("""{"traits":""", "json: ")]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("""{"id":"8f0f3b8c-0000-4000-8000-000000000000"}""", "json: unknown field \"id\"")]
    [InlineData("""{"schema_url":"x"}""", "json: unknown field \"schema_url\"")]
    public void Malformed_create_bodies_are_refused_with_kratos_decoder_texts(string body, string message)
    {
        var act = () => OryIdentityJson.Deserialize<CreateIdentityRequest>(body);

        var error = act.Should().Throw<InvalidRequestException>().Which.Error;
        error.Code.Should().Be(400);
        error.Message.Should().StartWith(message);
    }

    [Theory]
    [InlineData("FOO@ory.sh")]
    [InlineData("ＦＯＯ@ory.sh")]
    [InlineData("Foo@ORY.sh")]
    public async Task Duplicate_email_identifier_is_a_conflict_even_when_it_differs_by_case_or_width(string email)
    {
        await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var act = () => _host.Manager.CreateAsync(TestHost.Create(JsonSerializer.Serialize(new Dictionary<string, string> { ["email"] = email })));

        var exception = (await act.Should().ThrowAsync<IdentityConflictException>()).Which;
        exception.Error.Code.Should().Be(409);
        exception.Error.Reason.Should().Be("This identity conflicts with another identity that already exists.");
        exception.Conflict.Value.Should().Be("foo@ory.sh");
        exception.Message.Should().NotContain("foo@ory.sh");
        (await _host.CountAsync()).Should().Be(1);
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("ａｌｉｃｅ")]
    [InlineData("al\u200Bice")]
    [InlineData("\u00ADalice\uFEFF")]
    [InlineData("  alice ")]
    public async Task Duplicate_username_is_a_conflict_even_when_it_differs_by_case_width_invisible_characters_or_spaces(string username)
    {
        using var host = new TestHost("test-username-password");
        await host.Manager.CreateAsync(TestHost.Create("""{"username":"alice"}"""));

        var act = () => host.Manager.CreateAsync(TestHost.Create($$"""{"username":"{{username}}"}"""));

        var exception = (await act.Should().ThrowAsync<IdentityConflictException>()).Which;
        exception.Conflict.Should().Be(new IdentityConflict(IdentityConflictKind.CredentialsIdentifier, "password", "alice"));
        (await host.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Duplicate_external_id_is_a_conflict()
    {
        await _host.Manager.CreateAsync(TestHost.Create("""{"email":"a@ory.sh"}""") with { ExternalId = "ext-1" });

        var act = () => _host.Manager.CreateAsync(TestHost.Create("""{"email":"b@ory.sh"}""") with { ExternalId = "ext-1" });

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Conflict.Kind.Should().Be(IdentityConflictKind.ExternalId);
        (await _host.CountAsync()).Should().Be(1);
    }
}
