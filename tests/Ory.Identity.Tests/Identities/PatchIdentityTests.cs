using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class PatchIdentityTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Task<Identity> CreateAsync() => _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

    private static JsonPatchOperation Op(string op, string path, string? valueJson = null) =>
        new() { Op = op, Path = path, Value = valueJson is null ? null : TestHost.Json(valueJson) };

    [Fact]
    public async Task Replacing_the_email_trait_rederives_identifiers_and_addresses()
    {
        var created = await CreateAsync();
        _host.Clock.AdvanceSeconds(30);

        var patched = await _host.Manager.PatchAsync(created.Id, [Op("replace", "/traits/email", "\"Bar@ory.sh\"")]);

        patched.Traits.GetProperty("email").GetString().Should().Be("Bar@ory.sh");
        patched.Credentials[CredentialsType.Password].Identifiers.Should().Equal("bar@ory.sh");
        patched.VerifiableAddresses.Should().ContainSingle().Which.Value.Should().Be("bar@ory.sh");
        patched.UpdatedAt.Should().Be(TestHost.Start.Plus(Duration.FromSeconds(30)));
        patched.CreatedAt.Should().Be(TestHost.Start);
        (await _host.Manager.GetAsync(created.Id)).Traits.GetProperty("email").GetString().Should().Be("Bar@ory.sh");
    }

    [Fact]
    public async Task Verifying_an_address_stamps_verified_at_and_unverifying_clears_it()
    {
        var created = await CreateAsync();
        _host.Clock.AdvanceMinutes(1);

        var verified = await _host.Manager.PatchAsync(created.Id, [Op("replace", "/verifiable_addresses/0/verified", "true")]);
        var unverified = await _host.Manager.PatchAsync(created.Id, [Op("replace", "/verifiable_addresses/0/verified", "false")]);

        verified.VerifiableAddresses[0].Verified.Should().BeTrue();
        verified.VerifiableAddresses[0].VerifiedAt.Should().Be(TestHost.Start.Plus(Duration.FromMinutes(1)));
        unverified.VerifiableAddresses[0].VerifiedAt.Should().BeNull();
    }

    [Fact]
    public async Task Metadata_and_state_can_be_patched()
    {
        var created = await CreateAsync();
        _host.Clock.AdvanceMinutes(3);

        var patched = await _host.Manager.PatchAsync(created.Id,
        [
            Op("add", "/metadata_admin", """{"role":"ops"}"""),
            Op("replace", "/state", "\"inactive\""),
        ]);

        patched.MetadataAdmin!.Value.GetProperty("role").GetString().Should().Be("ops");
        patched.State.Should().Be(IdentityState.Inactive);
        patched.StateChangedAt.Should().Be(TestHost.Start.Plus(Duration.FromMinutes(3)));
    }

    [Theory]
    [InlineData("/id")]
    [InlineData("/state_changed_at")]
    [InlineData("/stateChangedAt")]
    [InlineData("/credentials")]
    [InlineData("/credentials/oidc")]
    [InlineData("/credentials/saml/config/providers")]
    public async Task Denied_paths_are_refused_and_nothing_changes(string path)
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [Op("replace", "/traits/email", "\"x@ory.sh\""), Op("add", path, "\"x\"")]);

        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Reason.Should().Be("failed to apply JSON patch");
        error.Message.Should().Be($"patch includes denied path: {path}");
        (await _host.Manager.GetAsync(created.Id)).Traits.GetProperty("email").GetString().Should().Be("foo@ory.sh");
    }

    [Theory]
    [InlineData("move")]
    [InlineData("copy")]
    [InlineData("test")]
    public async Task Unsupported_operations_are_refused(string op)
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [new JsonPatchOperation { Op = op, Path = "/traits/email", From = "/traits/email" }]);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Message.Should().Be($"unsupported operation: {op}");
    }

    [Fact]
    public async Task Invalid_state_is_refused_with_kratos_text()
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [Op("replace", "/state", "\"paused\"")]);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("The supplied state ('paused') was not valid. Valid states are ('active', 'inactive').");
        (await _host.Manager.GetAsync(created.Id)).State.Should().Be(IdentityState.Active);
    }

    [Fact]
    public async Task Traits_made_invalid_by_a_patch_are_refused()
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [Op("remove", "/traits/email")]);

        await act.Should().ThrowAsync<IdentityValidationException>();
        (await _host.Manager.GetAsync(created.Id)).Traits.GetProperty("email").GetString().Should().Be("foo@ory.sh");
    }

    [Fact]
    public async Task Unknown_schema_id_is_refused()
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [Op("replace", "/schema_id", "\"nope\"")]);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be("Unable to find JSON Schema ID: nope");
    }

    [Fact]
    public async Task Credential_type_must_match_its_key()
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.PatchAsync(created.Id, [Op("replace", "/credentials/password/type", "\"totp\"")]);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("credentials.password.type must equal \"password\", got \"totp\"");
    }

    [Fact]
    public async Task A_hash_can_be_added_to_the_empty_password_config_as_in_kratos()
    {
        // Created without a password: the password credential's config is Kratos's empty {} (kept as "no config").
        var created = await CreateAsync();
        const string Hash = "$2a$04$ZzAYJdsLEZo3fnIY6ZHvluOfbsGyS04s6ItnsDfs3b3eAeJ7tB/gi";

        await _host.Manager.PatchAsync(created.Id, [Op("add", "/credentials/password/config/hashed_password", $"\"{Hash}\"")]);

        var stored = await _host.Store.GetAsync(created.Id);
        stored!.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().Be(Hash);
        (await _host.Manager.VerifyPasswordAsync("foo@ory.sh", "wrong password")).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Patching_a_missing_identity_is_not_found()
    {
        var act = () => _host.Manager.PatchAsync(Guid.NewGuid(), [Op("replace", "/state", "\"inactive\"")]);

        await act.Should().ThrowAsync<IdentityNotFoundException>();
    }
}
