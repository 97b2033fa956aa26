using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class DeleteIdentityTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Deleted_identity_is_gone_and_its_email_is_free_again()
    {
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        await _host.Manager.DeleteAsync(created.Id);

        await _host.Invoking(h => h.Manager.GetAsync(created.Id)).Should().ThrowAsync<IdentityNotFoundException>();
        await _host.Invoking(h => h.Manager.DeleteAsync(created.Id)).Should().ThrowAsync<IdentityNotFoundException>();
        (await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""))).Id.Should().NotBe(created.Id);
    }

    [Fact]
    public async Task Missing_credential_type_is_not_found_with_kratos_text()
    {
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var act = () => _host.Manager.DeleteCredentialsAsync(created.Id, CredentialsType.Totp);

        var error = (await act.Should().ThrowAsync<IdentityNotFoundException>()).Which.Error;
        error.Code.Should().Be(404);
        error.Reason.Should().Be("You tried to remove a totp but this user have no totp set up.");
    }

    [Fact]
    public async Task Last_first_factor_cannot_be_removed()
    {
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        var act = () => _host.Manager.DeleteCredentialsAsync(created.Id, CredentialsType.Password);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be("You cannot remove the last first factor credential.");
    }

    [Fact]
    public async Task Totp_credential_is_removed()
    {
        var created = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
        await _host.Manager.PatchAsync(created.Id,
        [
            new JsonPatchOperation
            {
                Op = "add",
                Path = "/credentials/totp",
                Value = TestHost.Json($$"""{"type":"totp","identifiers":["{{created.Id}}"],"config":{"totp_url":"otpauth://totp/x?secret=ABC"},"version":0,"created_at":"2026-11-27T10:00:00Z","updated_at":"2026-11-27T10:00:00Z"}"""),
            },
        ]);

        var updated = await _host.Manager.DeleteCredentialsAsync(created.Id, CredentialsType.Totp);

        updated.Credentials.Should().NotContainKey(CredentialsType.Totp);
        (await _host.Manager.GetAsync(created.Id)).Credentials.Should().NotContainKey(CredentialsType.Totp);
    }

    [Fact]
    public async Task Code_credentials_cannot_be_deleted()
    {
        using var host = new TestHost("quickstart-all-strategies");
        var created = await host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
        created.Credentials.Should().ContainKey(CredentialsType.Code);

        var act = () => host.Manager.DeleteCredentialsAsync(created.Id, CredentialsType.Code);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be("Credentials type code cannot be deleted.");
    }
}
