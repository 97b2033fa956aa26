using Microsoft.Extensions.DependencyInjection;
using NodaTime;
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

    [Theory]
    [InlineData("""{"keys":"not a list"}""")]
    [InlineData("""{"keys":null}""")]
    public async Task An_unreadable_api_key_config_holds_no_keys(string config)
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        await _host.Store.UpdateAsync(account.Id, identity => identity with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials)
            {
                [CredentialsType.ApiKey] = identity.Credentials[CredentialsType.ApiKey] with { Config = TestHost.Json(config) },
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
        var stored = (await _host.Store.GetAsync(account.Id))!;
        stored.UpdatedAt.Should().Be(TestHost.Start + Duration.FromMinutes(2));
        stored.Credentials[CredentialsType.ApiKey].UpdatedAt.Should().Be(TestHost.Start + Duration.FromMinutes(2));
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
    [Fact]
    public async Task Issuing_and_revoking_are_logged_with_the_key_id_only()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");
        await Keys.RevokeAsync(account.Id, issued.Key.Id);

        _host.Logs.Lines.Should().Contain(l => l.Contains("[3002]") && l.Contains($"Issued API key {issued.Key.Id} to identity {account.Id}."));
        _host.Logs.Lines.Should().Contain(l => l.Contains("[3003]") && l.Contains($"Revoked API key {issued.Key.Id} of identity {account.Id}."));
        var secretPart = issued.Secret[24..];
        _host.Logs.Lines.Should().NotContain(l => l.Contains(secretPart));
    }

    [Fact]
    public async Task Null_names_key_ids_and_result_parts_are_argument_errors()
    {
        var account = await _host.CreateServiceAccountAsync();
        var identity = (await _host.Store.GetAsync(account.Id))!;
        var key = (await Keys.IssueAsync(account.Id, "ci")).Key;

        await ((Func<Task>)(() => Keys.IssueAsync(account.Id, null!))).Should().ThrowAsync<ArgumentNullException>();
        await ((Func<Task>)(() => Keys.RevokeAsync(account.Id, null!))).Should().ThrowAsync<ArgumentNullException>();
        ((Action)(() => ApiKeyAuthenticationResult.Success(null!, key))).Should().Throw<ArgumentNullException>();
        ((Action)(() => ApiKeyAuthenticationResult.Success(identity, null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Repeated_authentications_of_an_unchanged_identity_reuse_one_result()
    {
        var account = await _host.CreateServiceAccountAsync();
        var issued = await Keys.IssueAsync(account.Id, "ci");

        var first = await Keys.AuthenticateAsync(issued.Secret);
        var second = await Keys.AuthenticateAsync(issued.Secret);

        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task A_listed_last_use_is_the_later_of_the_stored_and_the_pending_one()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.LastUsedAtInterval = "1m");
        var keys = host.ApiKeys();
        var account = await host.CreateServiceAccountAsync();
        var issued = await keys.IssueAsync(account.Id, "ci");
        (await keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();
        await host.Get<ApiKeyUsageRecorder>().FlushAsync();

        host.Clock.Advance(Duration.FromSeconds(5));
        (await keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();

        (await keys.ListAsync(account.Id)).Single().LastUsedAt.Should().Be(TestHost.Start + Duration.FromSeconds(5));
    }

    [Fact]
    public async Task Once_the_interval_has_passed_the_next_use_writes_the_noted_uses_in_the_background()
    {
        using var host = MachineTestHost.Create(o => o.ApiKeys.LastUsedAtInterval = "1m");
        var keys = host.ApiKeys();
        var account = await host.CreateServiceAccountAsync();
        var issued = await keys.IssueAsync(account.Id, "ci");
        (await keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();

        host.Clock.Advance(Duration.FromMinutes(1));
        (await keys.AuthenticateAsync(issued.Secret)).Succeeded.Should().BeTrue();

        Instant? stored = null;
        for (var attempt = 0; attempt < 600 && stored is null; attempt++)
        {
            await Task.Delay(50);
            stored = ApiKeyCredential.RecordsOf((await host.Store.GetAsync(account.Id))!).Single().LastUsedAt;
        }

        stored.Should().Be(TestHost.Start + Duration.FromMinutes(1), "no FlushAsync was called: the use itself started the write");
    }
}
