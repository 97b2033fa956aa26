using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

public sealed class ApiKeyLifecycleTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create();

    public void Dispose() => _host.Dispose();

    private IApiKeyManager Keys => _host.ApiKeys();

    [Fact]
    public async Task Two_keys_authenticate_until_revoked_expired_or_the_identity_is_deactivated()
    {
        var account = await _host.CreateServiceAccountAsync();
        var first = await Keys.IssueAsync(account.Id, "deploy-2026");
        var second = await Keys.IssueAsync(account.Id, "deploy-2027", Duration.FromDays(30));

        var one = await Keys.AuthenticateAsync(first.Secret);
        var two = await Keys.AuthenticateAsync(second.Secret);
        one.Succeeded.Should().BeTrue();
        one.Identity!.Id.Should().Be(account.Id);
        one.Identity.SchemaId.Should().Be("service");
        one.Key!.Id.Should().Be(first.Key.Id);
        two.Succeeded.Should().BeTrue();
        two.Key!.Id.Should().Be(second.Key.Id);

        // Revoking one fails it at once; the other keeps working.
        var revoked = await Keys.RevokeAsync(account.Id, first.Key.Id);
        revoked.State.Should().Be(ApiKeyState.Revoked);
        revoked.RevokedAt.Should().Be(_host.Clock.GetCurrentInstant());
        (await Keys.AuthenticateAsync(first.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Revoked);
        (await Keys.AuthenticateAsync(second.Secret)).Succeeded.Should().BeTrue();

        // The other expires on the clock.
        _host.Clock.Advance(Duration.FromDays(30) - Duration.FromSeconds(1));
        (await Keys.AuthenticateAsync(second.Secret)).Succeeded.Should().BeTrue();
        _host.Clock.Advance(Duration.FromSeconds(1));
        (await Keys.AuthenticateAsync(second.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Expired);

        // A deactivated identity's keys all fail, and work again when it is reactivated.
        var third = await Keys.IssueAsync(account.Id, "deploy-2028");
        var fourth = await Keys.IssueAsync(account.Id, "deploy-2029");
        await _host.Manager.PatchAsync(account.Id, [new JsonPatchOperation { Op = "replace", Path = "/state", Value = TestHost.Json("\"inactive\"") }]);
        (await Keys.AuthenticateAsync(third.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.IdentityInactive);
        (await Keys.AuthenticateAsync(fourth.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.IdentityInactive);
        (await Keys.AuthenticateAsync(first.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Revoked);

        await _host.Manager.PatchAsync(account.Id, [new JsonPatchOperation { Op = "replace", Path = "/state", Value = TestHost.Json("\"active\"") }]);
        (await Keys.AuthenticateAsync(third.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Issued_key_has_the_documented_format_and_metadata()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci", Duration.FromHours(1));

        issued.Secret.Should().MatchRegex("^ory_ak_[a-z2-7]{16}_[a-z2-7]{59}$");
        issued.Secret.Should().StartWith("ory_ak_" + issued.Key.Id + "_");
        issued.Key.Should().BeEquivalentTo(new ApiKey
        {
            Id = issued.Key.Id,
            IdentityId = account.Id,
            Name = "ci",
            State = ApiKeyState.Active,
            CreatedAt = TestHost.Start,
            ExpiresAt = TestHost.Start + Duration.FromHours(1),
        });
        issued.ToString().Should().NotContain(issued.Secret[7..]).And.Contain("***");
    }

    [Fact]
    public async Task Keys_are_stored_only_as_keyed_hashes_and_never_shown_in_identity_views()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var secretPart = issued.Secret[(7 + 17)..];

        var stored = await _host.Store.GetAsync(account.Id);
        var storedJson = OryIdentityJson.Serialize(stored!);
        storedJson.Should().NotContain(secretPart).And.NotContain(issued.Secret);
        stored!.Credentials[CredentialsType.ApiKey].Identifiers.Should().Equal(issued.Key.Id);

        var view = await _host.Manager.GetAsync(account.Id, new IdentityQueryOptions { IncludeCredentials = [CredentialsType.ApiKey, CredentialsType.Password] });
        view.Credentials[CredentialsType.ApiKey].Config.Should().BeNull();
        view.Credentials[CredentialsType.ApiKey].Identifiers.Should().Equal(issued.Key.Id);
        OryIdentityJson.Serialize(view).Should().NotContain("hash");
    }

    [Fact]
    public async Task List_shows_every_key_oldest_first_with_its_state()
    {
        var account = await _host.CreateServiceAccountAsync();
        var a = await Keys.IssueAsync(account.Id, "a", Duration.FromMinutes(5));
        _host.Clock.Advance(Duration.FromSeconds(1));
        var b = await Keys.IssueAsync(account.Id, "b");
        _host.Clock.Advance(Duration.FromSeconds(1));
        var c = await Keys.IssueAsync(account.Id, "c");
        await Keys.RevokeAsync(account.Id, c.Key.Id);
        _host.Clock.Advance(Duration.FromMinutes(5));

        var keys = await Keys.ListAsync(account.Id);

        keys.Select(k => (k.Id, k.Name, k.State)).Should().Equal(
            (a.Key.Id, "a", ApiKeyState.Expired),
            (b.Key.Id, "b", ApiKeyState.Active),
            (c.Key.Id, "c", ApiKeyState.Revoked));
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var first = await Keys.RevokeAsync(account.Id, issued.Key.Id);
        _host.Clock.Advance(Duration.FromMinutes(1));

        var second = await Keys.RevokeAsync(account.Id, issued.Key.Id);

        second.RevokedAt.Should().Be(first.RevokedAt);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_or_for_an_unknown_identity_is_404_and_changes_nothing()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var before = OryIdentityJson.Serialize((await _host.Store.GetAsync(account.Id))!);

        var unknownKey = () => Keys.RevokeAsync(account.Id, "aaaaaaaaaaaaaaaa");
        (await unknownKey.Should().ThrowAsync<ApiKeyNotFoundException>()).Which.StatusCode.Should().Be(404);
        var malformedKey = () => Keys.RevokeAsync(account.Id, "../../x");
        await malformedKey.Should().ThrowAsync<ApiKeyNotFoundException>();
        var unknownIdentity = () => Keys.RevokeAsync(Guid.NewGuid(), issued.Key.Id);
        await unknownIdentity.Should().ThrowAsync<IdentityNotFoundException>();

        OryIdentityJson.Serialize((await _host.Store.GetAsync(account.Id))!).Should().Be(before);
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Listing_keys_of_an_unknown_identity_is_404_and_of_a_person_is_empty()
    {
        var person = await _host.Manager.CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        (await Keys.ListAsync(person.Id)).Should().BeEmpty();
        var unknown = () => Keys.ListAsync(Guid.NewGuid());
        await unknown.Should().ThrowAsync<IdentityNotFoundException>();
    }

    [Fact]
    public async Task Deleting_the_api_key_credentials_drops_every_key()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");

        var updated = await _host.Manager.DeleteCredentialsAsync(account.Id, CredentialsType.ApiKey);

        updated.Credentials.Should().NotContainKey(CredentialsType.ApiKey);
        (await Keys.ListAsync(account.Id)).Should().BeEmpty();
        (await Keys.AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Unknown);
    }

    [Fact]
    public async Task Deleting_the_identity_makes_its_keys_unknown()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");

        await _host.Manager.DeleteAsync(account.Id);

        (await Keys.AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Unknown);
    }

    [Fact]
    public async Task Patching_api_key_credentials_is_denied()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var before = OryIdentityJson.Serialize((await _host.Store.GetAsync(account.Id))!);

        foreach (var path in new[] { "/credentials/api_key", "/credentials/api_key/config/keys/0/revoked_at", "/credentials/API_KEY/identifiers" })
        {
            var patch = () => _host.Manager.PatchAsync(account.Id, [new JsonPatchOperation { Op = "remove", Path = path }]);
            (await patch.Should().ThrowAsync<InvalidRequestException>()).Which.StatusCode.Should().Be(400);
        }

        OryIdentityJson.Serialize((await _host.Store.GetAsync(account.Id))!).Should().Be(before);
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Revoked_and_expired_keys_beyond_twenty_are_dropped_oldest_first()
    {
        var account = await _host.CreateServiceAccountAsync();
        var revoked = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var issued = await Keys.IssueAsync(account.Id, "k" + i);
            _host.Clock.Advance(Duration.FromSeconds(1));
            await Keys.RevokeAsync(account.Id, issued.Key.Id);
            revoked.Add(issued.Key.Id);
        }

        var kept = await Keys.ListAsync(account.Id);

        kept.Select(k => k.Id).Should().Equal(revoked.Skip(3));
        (await _host.Store.FindByCredentialsIdentifierAsync(CredentialsType.ApiKey, revoked[0])).Should().BeNull();
    }
}
