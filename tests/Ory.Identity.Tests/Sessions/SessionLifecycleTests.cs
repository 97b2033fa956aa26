using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Sessions;

/// <summary>Issuing, authenticating, expiring and revoking sessions, and what an identity's state does to them.</summary>
public sealed class SessionLifecycleTests : IDisposable
{
    private readonly TestHost _host = SessionTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_issued_token_authenticates_to_its_session_with_the_public_identity_and_one_device()
    {
        var identity = await _host.CreatePersonAsync();

        var issued = await _host.Sessions().IssueAsync(
            identity.Id, SessionAuthenticationMethods.Password, new SessionDevice { Id = Guid.Empty, IpAddress = "192.0.2.1", UserAgent = "curl/8" });
        var session = await _host.Sessions().AuthenticateAsync(issued.Token);

        issued.Token.Should().MatchRegex("^ory_st_[A-Za-z0-9]{43}$");
        session.Should().NotBeNull();
        session!.Id.Should().Be(issued.Session.Id);
        session.Active.Should().BeTrue();
        session.IdentityId.Should().Be(identity.Id);
        session.Identity!.Id.Should().Be(identity.Id);
        session.Identity.Credentials.Should().BeEmpty("whoami shows the public view");
        session.Identity.SchemaUrl.Should().Be(identity.SchemaUrl);
        session.AuthenticatedAt.Should().Be(TestHost.Start);
        session.IssuedAt.Should().Be(TestHost.Start);
        session.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(24));
        session.AuthenticatorAssuranceLevel.Should().Be(AuthenticatorAssuranceLevel.Aal1);
        session.AuthenticationMethods.Should().Equal(new SessionAuthenticationMethod { Method = "password", Aal = AuthenticatorAssuranceLevel.Aal1, CompletedAt = TestHost.Start });
        var device = session.Devices.Should().ContainSingle().Subject;
        device.Id.Should().NotBe(Guid.Empty, "the manager assigns device ids");
        device.IpAddress.Should().Be("192.0.2.1");
        device.UserAgent.Should().Be("curl/8");
        device.Location.Should().BeEmpty();
    }

    [Fact]
    public async Task The_store_keeps_the_keyed_hash_of_the_token_not_the_token()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.SignInAsync(identity.Id);

        var stored = await _host.Get<ISessionStore>().GetAsync(issued.Session.Id);

        stored!.TokenHash.Should().MatchRegex("^[0-9a-f]{64}$").And.NotContain(issued.Token[7..]);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SessionTestHost.Secret), Encoding.ASCII.GetBytes(issued.Token));
        stored.TokenHash.Should().Be(Convert.ToHexStringLower(expected), "the token is stored as HMAC-SHA256 under the first secret");
    }

    [Fact]
    public async Task Every_issued_token_is_different()
    {
        var identity = await _host.CreatePersonAsync();

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 50; i++)
        {
            tokens.Add((await _host.SignInAsync(identity.Id)).Token);
        }

        tokens.Should().HaveCount(50);
    }

    [Fact]
    public async Task A_session_stops_authenticating_when_the_clock_reaches_its_expiry()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.SignInAsync(identity.Id);

        _host.Clock.Advance(Duration.FromHours(24) - Duration.FromTicks(1));
        (await _host.Sessions().AuthenticateAsync(issued.Token)).Should().NotBeNull();

        _host.Clock.Advance(Duration.FromTicks(1));
        (await _host.Sessions().AuthenticateAsync(issued.Token)).Should().BeNull();
        var stored = await _host.Sessions().GetAsync(issued.Session.Id);
        stored.Active.Should().BeFalse("an expired session stays stored but inactive");
    }

    [Fact]
    public async Task The_lifespan_comes_from_session_lifespan()
    {
        using var host = SessionTestHost.Create(o => o.Session.Lifespan = "90m");
        var identity = await host.CreatePersonAsync();

        var issued = await host.SignInAsync(identity.Id);

        issued.Session.ExpiresAt.Should().Be(TestHost.Start + Duration.FromMinutes(90));
    }

    [Fact]
    public async Task A_revoked_session_stays_stored_inactive_and_no_longer_authenticates()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.SignInAsync(identity.Id);

        await _host.Sessions().RevokeAsync(issued.Session.Id);

        (await _host.Sessions().AuthenticateAsync(issued.Token)).Should().BeNull();
        var stored = await _host.Get<ISessionStore>().GetAsync(issued.Session.Id);
        stored!.Active.Should().BeFalse();
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeFalse();
    }

    [Fact]
    public async Task Revoking_or_reading_an_unknown_session_is_not_found()
    {
        var unknown = Guid.NewGuid();

        await FluentActions.Awaiting(() => _host.Sessions().RevokeAsync(unknown)).Should().ThrowAsync<SessionNotFoundException>();
        await FluentActions.Awaiting(() => _host.Sessions().GetAsync(unknown)).Should().ThrowAsync<SessionNotFoundException>();
        await FluentActions.Awaiting(() => _host.Sessions().ExtendAsync(unknown)).Should().ThrowAsync<SessionNotFoundException>();
        await FluentActions.Awaiting(() => _host.Sessions().ReauthenticateAsync(unknown, "password")).Should().ThrowAsync<SessionNotFoundException>();
    }

    [Fact]
    public async Task Revoking_all_but_the_current_session_leaves_the_current_one_and_other_identities_alone()
    {
        var identity = await _host.CreatePersonAsync();
        var other = await _host.CreatePersonAsync("bar@ory.sh");
        var current = await _host.SignInAsync(identity.Id);
        var second = await _host.SignInAsync(identity.Id);
        var third = await _host.SignInAsync(identity.Id);
        var foreign = await _host.SignInAsync(other.Id);
        await _host.Sessions().RevokeAsync(third.Session.Id);

        var count = await _host.Sessions().RevokeAllAsync(identity.Id, current.Session.Id);

        count.Should().Be(1, "only the other still active session changes");
        (await _host.Sessions().AuthenticateAsync(current.Token)).Should().NotBeNull();
        (await _host.Sessions().AuthenticateAsync(second.Token)).Should().BeNull();
        (await _host.Sessions().AuthenticateAsync(foreign.Token)).Should().NotBeNull();
        (await _host.Sessions().RevokeAllAsync(identity.Id)).Should().Be(1);
        (await _host.Sessions().AuthenticateAsync(current.Token)).Should().BeNull();
    }

    [Fact]
    public async Task An_inactive_identity_does_not_authenticate_and_reactivating_it_makes_its_unexpired_sessions_valid_again()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.SignInAsync(identity.Id);

        await _host.SetStateAsync(identity, IdentityState.Inactive);
        (await _host.Sessions().AuthenticateAsync(issued.Token)).Should().BeNull();
        (await _host.Sessions().GetAsync(issued.Session.Id, SessionExpand.Identity)).Active.Should().BeFalse();
        (await _host.Sessions().GetAsync(issued.Session.Id)).Active.Should().BeTrue("without its identity a session's state is its own");

        await _host.SetStateAsync(identity, IdentityState.Active);
        (await _host.Sessions().AuthenticateAsync(issued.Token)).Should().NotBeNull();
    }

    [Fact]
    public async Task Issuing_refuses_an_unknown_or_inactive_identity_and_stores_nothing()
    {
        var identity = await _host.CreatePersonAsync();
        await _host.SetStateAsync(identity, IdentityState.Inactive);

        await FluentActions.Awaiting(() => _host.SignInAsync(Guid.NewGuid())).Should().ThrowAsync<IdentityNotFoundException>();
        await FluentActions.Awaiting(() => _host.SignInAsync(identity.Id)).Should().ThrowAsync<IdentityDisabledException>();
        (await _host.Get<ISessionStore>().ListAsync(10, null, null, _host.Clock.GetCurrentInstant())).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ory_st_")]
    [InlineData("ory_st_short")]
    [InlineData("ory_st_0123456789012345678901234567890123456789012")]
    [InlineData("ory_st_012345678901234567890123456789012345678901!")]
    [InlineData("ory_lo_0123456789012345678901234567890123456789012")]
    [InlineData("Bearer ory_st_0123456789012345678901234567890123456789012")]
    [InlineData("ory_st_0123456789012345678901234567890123456789\u00e9\u00e9")]
    public async Task A_malformed_or_unknown_token_authenticates_to_nothing_without_an_exception(string? token)
    {
        var identity = await _host.CreatePersonAsync();
        await _host.SignInAsync(identity.Id);

        (await _host.Sessions().AuthenticateAsync(token)).Should().BeNull();
    }

    [Fact]
    public async Task A_token_issued_before_a_new_secret_was_put_first_still_authenticates_and_one_whose_secret_was_removed_does_not()
    {
        using var before = SessionTestHost.Create();
        var identity = await before.CreatePersonAsync();
        var issued = await before.SignInAsync(identity.Id);
        var store = before.Get<ISessionStore>();
        var record = await store.GetAsync(issued.Session.Id);

        var rotated = new SecretHasher(new SecretsOptions { Cookie = ["a-brand-new-secret-for-2027", SessionTestHost.Secret] });
        var removed = new SecretHasher(new SecretsOptions { Cookie = ["a-brand-new-secret-for-2027"] });

        (await store.FindByTokenHashAsync(rotated.SessionTokenCandidates(issued.Token))).Should().Be(record);
        (await store.FindByTokenHashAsync(removed.SessionTokenCandidates(issued.Token))).Should().BeNull();
        rotated.HashSessionToken(issued.Token).Should().NotBe(record!.TokenHash, "new tokens are hashed with the new first secret");
    }

    [Fact]
    public async Task A_session_manager_with_a_rotated_secret_list_authenticates_the_old_token()
    {
        using var host = SessionTestHost.Create();
        var identity = await host.CreatePersonAsync();
        var issued = await host.SignInAsync(identity.Id);
        var options = host.Get<Microsoft.Extensions.Options.IOptions<OryIdentityOptions>>().Value;
        options.Secrets.Cookie = ["a-brand-new-secret-for-2027", SessionTestHost.Secret];
        var rotated = new SessionManager(
            host.Get<ISessionStore>(), host.Manager, SessionSettings.Create(options), new SecretHasher(options.Secrets), host.Get<OryIdentityClock>());

        var session = await rotated.AuthenticateAsync(issued.Token);

        session!.Id.Should().Be(issued.Session.Id);
        rotated.IsLogoutToken(session, host.Sessions().GetLogoutToken(session)).Should().BeTrue("logout tokens verify under every secret");
    }

    [Fact]
    public async Task Reauthenticating_appends_the_method_and_restarts_the_lifespan_keeping_id_and_token()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.Sessions().IssueAsync(identity.Id, SessionAuthenticationMethods.CodeRecovery);
        _host.Clock.Advance(Duration.FromHours(2));

        var refreshed = await _host.Sessions().ReauthenticateAsync(issued.Session.Id, SessionAuthenticationMethods.Password);

        refreshed.Id.Should().Be(issued.Session.Id);
        refreshed.AuthenticationMethods.Select(m => m.Method).Should().Equal("code_recovery", "password");
        refreshed.AuthenticatedAt.Should().Be(TestHost.Start + Duration.FromHours(2));
        refreshed.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(26));
        refreshed.AuthenticatorAssuranceLevel.Should().Be(AuthenticatorAssuranceLevel.Aal1);
        (await _host.Sessions().AuthenticateAsync(issued.Token))!.AuthenticatedAt.Should().Be(refreshed.AuthenticatedAt);
    }

    [Fact]
    public async Task A_second_factor_raises_the_session_to_aal2()
    {
        var identity = await _host.CreatePersonAsync();
        var issued = await _host.SignInAsync(identity.Id);

        var refreshed = await _host.Sessions().ReauthenticateAsync(issued.Session.Id, "totp");

        refreshed.AuthenticatorAssuranceLevel.Should().Be(AuthenticatorAssuranceLevel.Aal2);
        refreshed.AuthenticationMethods[1].Aal.Should().Be(AuthenticatorAssuranceLevel.Aal2);
    }

    [Fact]
    public async Task Device_text_is_cut_to_512_bytes_without_splitting_a_character()
    {
        var identity = await _host.CreatePersonAsync();
        var agent = "a" + new string('\u00e9', 600);

        var issued = await _host.Sessions().IssueAsync(
            identity.Id, SessionAuthenticationMethods.Password, new SessionDevice { Id = Guid.Empty, UserAgent = agent, Location = new string('x', 1000) });

        var device = issued.Session.Devices.Single();
        device.UserAgent.Should().Be("a" + new string('\u00e9', 255));
        device.Location.Should().HaveLength(512);
    }

    [Fact]
    public async Task The_logout_token_is_stable_per_session_and_matches_only_its_session()
    {
        var identity = await _host.CreatePersonAsync();
        var first = (await _host.SignInAsync(identity.Id)).Session;
        var second = (await _host.SignInAsync(identity.Id)).Session;

        var token = _host.Sessions().GetLogoutToken(first);

        token.Should().MatchRegex("^ory_lo_[A-Za-z0-9]{43}$");
        _host.Sessions().GetLogoutToken(first).Should().Be(token);
        _host.Sessions().IsLogoutToken(first, token).Should().BeTrue();
        _host.Sessions().IsLogoutToken(second, token).Should().BeFalse();
        _host.Sessions().IsLogoutToken(first, null).Should().BeFalse();
        _host.Sessions().IsLogoutToken(first, token[..^1] + (token[^1] == 'a' ? 'b' : 'a')).Should().BeFalse();
    }
}
