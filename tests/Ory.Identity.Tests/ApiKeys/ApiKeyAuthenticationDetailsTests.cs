using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

/// <summary>Details of authentication: what the result says, which refusals are logged with the key id, and stored state.</summary>
public sealed class ApiKeyAuthenticationDetailsTests : IDisposable
{
    private readonly TestHost _host = MachineTestHost.Create();

    public void Dispose() => _host.Dispose();

    private IApiKeyManager Keys => _host.ApiKeys();

    [Fact]
    public async Task A_success_carries_the_admin_view_and_the_key_and_prints_only_ids()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci", Duration.FromDays(1));

        var result = await Keys.AuthenticateAsync(issued.Secret);

        result.Succeeded.Should().BeTrue();
        result.Failure.Should().BeNull();
        result.Identity!.Credentials[CredentialsType.ApiKey].Config.Should().BeNull("the admin view carries no hashes");
        result.Key.Should().BeEquivalentTo(issued.Key);
        result.ToString().Should().Be($"ApiKeyAuthenticationResult {{ Succeeded, IdentityId = {account.Id}, KeyId = {issued.Key.Id} }}");
    }

    [Fact]
    public async Task A_refusal_prints_its_reason_and_carries_nothing_else()
    {
        var result = await Keys.AuthenticateAsync("nope");

        result.Succeeded.Should().BeFalse();
        result.Identity.Should().BeNull();
        result.Key.Should().BeNull();
        result.ToString().Should().Be("ApiKeyAuthenticationResult { Failure = Malformed }");
        ApiKeyAuthenticationResult.Failed(ApiKeyAuthenticationFailure.Expired).Failure.Should().Be(ApiKeyAuthenticationFailure.Expired);
    }

    [Fact]
    public async Task Refusals_of_a_known_key_id_are_logged_with_it_and_unknown_or_malformed_ones_without()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        await Keys.RevokeAsync(account.Id, issued.Key.Id);
        using var other = MachineTestHost.Create(o => o.Secrets.Default = ["another-deployments-secret-0002"]);
        var foreignAccount = await other.CreateServiceAccountAsync();
        var foreign = await other.ApiKeys().IssueAsync(foreignAccount.Id, "ci");

        await Keys.AuthenticateAsync(issued.Secret);
        await Keys.AuthenticateAsync(foreign.Secret);
        await Keys.AuthenticateAsync("nope");

        var refusals = _host.Logs.Lines.Where(l => l.Contains("refused", StringComparison.Ordinal)).ToList();
        refusals.Should().Contain(l => l.Contains("[3005]") && l.Contains($"API key {issued.Key.Id} refused: Revoked."));
        refusals.Should().Contain(l => l.Contains("[3004]") && l.Contains("API key refused: Unknown."));
        refusals.Should().Contain(l => l.Contains("[3004]") && l.Contains("API key refused: Malformed."));
        refusals.Should().NotContain(l => l.Contains(foreign.Key.Id), "an unknown key id is attacker-chosen text");
    }

    [Fact]
    public async Task A_key_whose_schema_is_no_longer_a_machine_schema_is_refused()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        using var demoted = new TestHost(configure: b =>
        {
            b.AddSchema("service", TestHost.SchemaUrl("service-account")).Configure(o => o.Secrets.Default = [MachineTestHost.Secret]);
            b.Services.AddSingleton(_host.Store);
        });

        var result = await demoted.ApiKeys().AuthenticateAsync(issued.Secret);

        result.Failure.Should().Be(ApiKeyAuthenticationFailure.NotMachine);
        (await Keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_stored_hash_that_is_not_hex_matches_nothing()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var stored = (await _host.Store.GetAsync(account.Id))!;
        var config = stored.Credentials[CredentialsType.ApiKey].Config!.Value.GetRawText();
        var hash = stored.Credentials[CredentialsType.ApiKey].Config!.Value.GetProperty("keys")[0].GetProperty("hash").GetString()!;
        var broken = stored with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>(stored.Credentials)
            {
                [CredentialsType.ApiKey] = stored.Credentials[CredentialsType.ApiKey] with
                {
                    Config = TestHost.Json(config.Replace(hash, "zz" + hash[2..], StringComparison.Ordinal)),
                },
            },
        };
        await _host.Store.UpdateAsync(account.Id, _ => broken);

        (await Keys.AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.InvalidSecret);
    }

    [Fact]
    public async Task An_unreadable_api_key_config_holds_no_keys()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        await _host.Store.UpdateAsync(account.Id, identity => identity with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials)
            {
                [CredentialsType.ApiKey] = identity.Credentials[CredentialsType.ApiKey] with { Config = TestHost.Json("""{"keys":"not a list"}""") },
            },
        });

        (await Keys.ListAsync(account.Id)).Should().BeEmpty();
        (await Keys.AuthenticateAsync(issued.Secret)).Failure.Should().Be(ApiKeyAuthenticationFailure.Unknown);
    }

    [Fact]
    public async Task Issuing_keeps_the_credential_creation_time_and_moves_its_update_time()
    {
        var account = await _host.CreateServiceAccountAsync();
        await Keys.IssueAsync(account.Id, "first");
        _host.Clock.Advance(Duration.FromMinutes(5));

        await Keys.IssueAsync(account.Id, "second");

        var stored = (await _host.Store.GetAsync(account.Id))!;
        var credential = stored.Credentials[CredentialsType.ApiKey];
        credential.CreatedAt.Should().Be(TestHost.Start);
        credential.UpdatedAt.Should().Be(TestHost.Start + Duration.FromMinutes(5));
        credential.Version.Should().Be(0);
        stored.UpdatedAt.Should().Be(TestHost.Start + Duration.FromMinutes(5));
    }

    [Fact]
    public async Task Revoking_the_only_key_keeps_it_listed_as_revoked()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        _host.Clock.Advance(Duration.FromMinutes(2));

        var revoked = await Keys.RevokeAsync(account.Id, issued.Key.Id);

        revoked.Should().BeEquivalentTo(issued.Key with { State = ApiKeyState.Revoked, RevokedAt = TestHost.Start + Duration.FromMinutes(2) });
        (await Keys.ListAsync(account.Id)).Should().ContainSingle().Which.State.Should().Be(ApiKeyState.Revoked);
        (await _host.Store.GetAsync(account.Id))!.UpdatedAt.Should().Be(TestHost.Start + Duration.FromMinutes(2));
    }

    [Fact]
    public async Task Expired_keys_do_not_count_against_the_active_maximum()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.MaxActivePerIdentity = 1);
        var account = await host.CreateServiceAccountAsync();
        await host.ApiKeys().IssueAsync(account.Id, "short", Duration.FromMinutes(1));
        host.Clock.Advance(Duration.FromMinutes(1));

        var next = await host.ApiKeys().IssueAsync(account.Id, "next");

        next.Key.State.Should().Be(ApiKeyState.Active);
        (await host.ApiKeys().ListAsync(account.Id)).Select(k => k.State).Should().Equal(ApiKeyState.Expired, ApiKeyState.Active);
    }

    [Fact]
    public async Task An_expiry_equal_to_the_maximum_lifespan_is_accepted()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.MaxLifespan = "24h");
        var account = await host.CreateServiceAccountAsync();

        var issued = await host.ApiKeys().IssueAsync(account.Id, "ci", Duration.FromHours(24));

        issued.Key.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(24));
    }

    [Fact]
    public async Task Inactive_keys_beyond_twenty_are_dropped_by_when_they_stopped_working()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.MaxActivePerIdentity = 30);
        var keys = host.ApiKeys();
        var account = await host.CreateServiceAccountAsync();
        var expiring = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            // Issued a minute apart, but each expires a minute earlier than the one before: the last stops working first.
            var issued = await keys.IssueAsync(account.Id, "k" + i, Duration.FromHours(100) - Duration.FromMinutes(2 * i));
            expiring.Add(issued.Key.Id);
            host.Clock.Advance(Duration.FromMinutes(1));
        }

        host.Clock.Advance(Duration.FromHours(100));
        await keys.IssueAsync(account.Id, "fresh");

        var kept = (await keys.ListAsync(account.Id)).Select(k => k.Id).ToList();
        kept.Should().HaveCount(21);
        kept.Should().NotContain(expiring[20], "the key that expired first is the oldest inactive one");
        kept.Should().Contain(expiring[0], "the first issued key expired last");
    }

    [Fact]
    public async Task The_record_and_issued_key_never_print_the_hash_or_secret()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        var record = ApiKeyCredential.RecordsOf((await _host.Store.GetAsync(account.Id))!).Single();

        record.ToString().Should().Be($"ApiKeyRecord {{ Id = {issued.Key.Id} }}");
        issued.ToString().Should().Be($"IssuedApiKey {{ Key = {issued.Key}, Secret = *** }}");
    }
}
