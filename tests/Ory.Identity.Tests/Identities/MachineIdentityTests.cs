using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.ApiKeys;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class MachineIdentityTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create(o =>
    {
        o.SelfService.Methods.Link.Enabled = true;
        o.SelfService.Methods.Code.Enabled = true;
    });

    public void Dispose() => _host.Dispose();

    private static CreateIdentityRequest ServiceAccount(string credentialsJson = "null", string extra = "") =>
        OryIdentityJson.Deserialize<CreateIdentityRequest>(
            $$"""{"schema_id":"service","traits":{"name":"ci","owner":"platform@example.com"},"credentials":{{credentialsJson}}{{extra}}}""");

    [Fact]
    public async Task A_service_account_has_traits_but_no_credentials_or_addresses()
    {
        var account = await _host.Manager.CreateAsync(ServiceAccount());

        account.SchemaId.Should().Be("service");
        account.Traits.GetProperty("owner").GetString().Should().Be("platform@example.com");
        account.Credentials.Should().BeEmpty();
        account.VerifiableAddresses.Should().BeEmpty();
        account.RecoveryAddresses.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"password":{"config":{"password":"a-long-enough-password-1"}}}""", "password")]
    [InlineData("""{"password":{"config":{"hashed_password":"$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca"}}}""", "password")]
    [InlineData("""{"oidc":{"config":{"providers":[{"provider":"github","subject":"12345"}]}}}""", "oidc")]
    public async Task A_service_account_with_credentials_is_refused_and_nothing_is_stored(string credentials, string type)
    {
        var create = () => _host.Manager.CreateAsync(ServiceAccount(credentials));

        var error = (await create.Should().ThrowAsync<MachineIdentityException>()).Which;
        error.StatusCode.Should().Be(400);
        error.Error.Reason.Should().Be($"Identities of the machine schema \"service\" cannot have {type} credentials: machine identities authenticate with API keys only.");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData(""","verifiable_addresses":[{"value":"platform@example.com","via":"email","verified":true,"status":"completed"}]""")]
    [InlineData(""","recovery_addresses":[{"value":"platform@example.com","via":"email"}]""")]
    public async Task A_service_account_with_imported_addresses_is_refused(string addresses)
    {
        var create = () => _host.Manager.CreateAsync(ServiceAccount(extra: addresses));

        (await create.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Reason
            .Should().Be("Identities of the machine schema \"service\" cannot have verifiable or recovery addresses.");
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_batch_refuses_only_the_machine_items_with_credentials()
    {
        var result = await _host.Manager.CreateManyAsync(
        [
            ServiceAccount(),
            ServiceAccount("""{"password":{"config":{"hashed_password":"$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca"}}}"""),
            TestHost.Create("""{"email":"foo@ory.sh"}"""),
        ]);

        result.Identities.Select(i => i!.Succeeded).Should().Equal(true, false, true);
        result.Identities[1]!.Error!.Code.Should().Be(400);
        (await _host.CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Recovery_links_and_codes_are_refused_for_a_service_account()
    {
        var account = await _host.Manager.CreateAsync(ServiceAccount());
        var issuer = _host.Get<IRecoveryLinkIssuer>();

        var link = () => issuer.CreateRecoveryLinkAsync(account.Id);
        var code = () => issuer.CreateRecoveryCodeAsync(account.Id);

        (await link.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Reason
            .Should().Be("This identity is a machine identity: machine identities cannot be recovered; issue it a new API key instead.");
        (await code.Should().ThrowAsync<MachineIdentityException>()).Which.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task A_person_with_a_password_cannot_move_to_the_machine_schema()
    {
        var person = await _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"traits":{"email":"foo@ory.sh"},"credentials":{"password":{"config":{"hashed_password":"$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca"}}}}"""));
        var before = OryIdentityJson.Serialize((await _host.Store.GetAsync(person.Id))!);

        var put = () => _host.Manager.UpdateAsync(person.Id, new UpdateIdentityRequest
        {
            SchemaId = "service",
            Traits = TestHost.Json("""{"name":"ci","owner":"platform@example.com"}"""),
            State = IdentityState.Active,
        });
        var patch = () => _host.Manager.PatchAsync(person.Id,
        [
            new JsonPatchOperation { Op = "replace", Path = "/schema_id", Value = TestHost.Json("\"service\"") },
            new JsonPatchOperation { Op = "replace", Path = "/traits", Value = TestHost.Json("""{"name":"ci","owner":"platform@example.com"}""") },
        ]);

        (await put.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Reason.Should().Contain("cannot have password credentials");
        (await patch.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Reason.Should().Contain("cannot have password credentials");
        OryIdentityJson.Serialize((await _host.Store.GetAsync(person.Id))!).Should().Be(before);
    }

    [Fact]
    public async Task A_service_account_with_keys_cannot_move_to_a_person_schema_until_its_keys_are_deleted()
    {
        var account = await _host.CreateServiceAccountAsync();
        await _host.ApiKeys().IssueAsync(account.Id, "ci");
        var toPerson = new UpdateIdentityRequest { SchemaId = "default", Traits = TestHost.Json("""{"email":"svc@ory.sh"}"""), State = IdentityState.Active };

        var put = () => _host.Manager.UpdateAsync(account.Id, toPerson);

        (await put.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Reason.Should().Be(
            "Only machine identities hold API keys, and schema \"default\" is not a machine schema: delete the identity's api_key credentials first.");
        (await _host.Store.GetAsync(account.Id))!.SchemaId.Should().Be("service");

        await _host.Manager.DeleteCredentialsAsync(account.Id, CredentialsType.ApiKey);
        (await _host.Manager.UpdateAsync(account.Id, toPerson)).SchemaId.Should().Be("default");
    }

    [Fact]
    public async Task Updating_a_service_account_keeps_its_keys()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await _host.ApiKeys().IssueAsync(account.Id, "ci");

        var updated = await _host.Manager.UpdateAsync(account.Id, new UpdateIdentityRequest
        {
            Traits = TestHost.Json("""{"name":"ci","owner":"new-owner@example.com","description":"deploys"}"""),
            State = IdentityState.Active,
        });

        updated.Credentials[CredentialsType.ApiKey].Identifiers.Should().Equal(issued.Key.Id);
        (await _host.ApiKeys().AuthenticateAsync(issued.Secret)).Identity!.Traits.GetProperty("owner").GetString().Should().Be("new-owner@example.com");
    }

    [Fact]
    public async Task Listing_filters_by_schema_id_and_combines_with_other_filters()
    {
        var organization = Guid.NewGuid();
        var accounts = new List<Identity>();
        for (var i = 0; i < 5; i++)
        {
            var request = ServiceAccount() with { OrganizationId = i < 2 ? organization : null };
            accounts.Add(await _host.Manager.CreateAsync(request));
            await _host.Manager.CreateAsync(TestHost.Create($$"""{"email":"person{{i}}@ory.sh"}""") with { OrganizationId = organization });
        }

        var all = new List<Guid>();
        await foreach (var identity in _host.Manager.ListAllAsync(new IdentityListQuery { SchemaId = "service", PageSize = 2 }))
        {
            all.Add(identity.Id);
        }

        all.Should().BeEquivalentTo(accounts.Select(a => a.Id));
        (await _host.Manager.ListAsync(new IdentityListQuery { SchemaId = "service", OrganizationId = organization })).Items
            .Select(i => i.Id).Should().BeEquivalentTo(accounts.Take(2).Select(a => a.Id));
        (await _host.Manager.ListAsync(new IdentityListQuery { SchemaId = "SERVICE" })).Items.Should().BeEmpty();
        (await _host.Manager.ListAsync(new IdentityListQuery { SchemaId = "default", CredentialsIdentifier = "person3@ory.sh" })).Items.Should().ContainSingle();
    }

    [Fact]
    public void The_machine_identity_error_serializes_as_kratos_error()
    {
        var json = JsonDocument.Parse(OryIdentityJson.Serialize(MachineIdentityException.RecoveryNotAllowed().Error)).RootElement;

        json.GetProperty("code").GetInt32().Should().Be(400);
        json.GetProperty("status").GetString().Should().Be("Bad Request");
    }

    [Fact]
    public async Task An_inactive_service_account_can_still_get_keys_but_they_fail_until_it_is_active()
    {
        var account = await _host.Manager.CreateAsync(ServiceAccount() with { State = IdentityState.Inactive });

        var issued = await _host.ApiKeys().IssueAsync(account.Id, "ci", Duration.FromDays(1));

        (await _host.ApiKeys().AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.IdentityInactive);
    }
}
