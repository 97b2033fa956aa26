using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

public sealed class RecoveryLinkTests : IDisposable
{
    private readonly TestHost _host = RecoveryTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Seed_invite_link_is_on_the_configured_base_url_expires_in_12h_and_redeems_once()
    {
        var identity = await _host.CreateFooAsync();

        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(12));

        link.Link.Should().MatchRegex(@"^http://127\.0\.0\.1:4455/self-service/recovery\?flow=[0-9a-f-]{36}&token=[a-zA-Z0-9]{32}$");
        link.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(12));
        var (flow, token) = RecoveryTestHost.Parse(link.Link);
        flow.Should().Be(link.FlowId);

        var redemption = await _host.Redeemer().RedeemLinkAsync(flow, token);
        redemption.IdentityId.Should().Be(identity.Id);
        redemption.Method.Should().Be(RecoveryMethod.Link);
        redemption.Flow.State.Should().Be(RecoveryFlowState.PassedChallenge);
        redemption.AddressVerified.Should().BeFalse("admin-issued links verify nothing");
        (await _host.Manager.GetAsync(identity.Id)).VerifiableAddresses.Single().Verified.Should().BeFalse();

        var again = () => _host.Redeemer().RedeemLinkAsync(flow, token);
        var error = (await again.Should().ThrowAsync<RecoveryTokenInvalidException>()).Which;
        error.UiMessage!.Id.Should().Be(4060004);
        error.Error.Code.Should().Be(400);
    }

    [Fact]
    public async Task Link_json_is_kratos_shape()
    {
        var identity = await _host.CreateFooAsync();

        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(12));

        using var json = JsonDocument.Parse(OryIdentityJson.Serialize(link));
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("recovery_link", "expires_at");
        json.RootElement.GetProperty("expires_at").GetString().Should().Be("2026-11-27T22:00:00Z");
        json.RootElement.GetProperty("recovery_link").GetString().Should().Contain("&token=");
    }

    [Fact]
    public async Task Link_past_its_expiry_fails()
    {
        var identity = await _host.CreateFooAsync();
        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(12));
        var (flow, token) = RecoveryTestHost.Parse(link.Link);

        _host.Clock.Advance(Duration.FromHours(12) + Duration.FromSeconds(1));

        var act = () => _host.Redeemer().RedeemLinkAsync(flow, token);
        var error = (await act.Should().ThrowAsync<RecoveryFlowExpiredException>()).Which;
        error.Error.Code.Should().Be(410);
        error.UiMessage!.Id.Should().Be(4060005);
        error.UiMessage.Text.Should().Be("The recovery flow expired 0.02 minutes ago, please try again.");
    }

    [Fact]
    public async Task Default_lifespan_is_one_hour()
    {
        var identity = await _host.CreateFooAsync();

        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id);

        link.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(1));
    }

    [Fact]
    public async Task Identity_without_any_recovery_address_gets_a_working_link()
    {
        using var host = new TestHost("test-username-password", b => b.Configure(o => o.SelfService.Methods.Link.Enabled = true).UseInMemoryRecoveryOutbox());
        var identity = await host.Manager.CreateAsync(TestHost.Create("""{"username":"robot"}"""));
        identity.RecoveryAddresses.Should().BeEmpty();

        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var (flow, token) = RecoveryTestHost.Parse(link.Link);

        (await host.Redeemer().RedeemLinkAsync(flow, token)).IdentityId.Should().Be(identity.Id);
        link.Link.Should().StartWith("http://127.0.0.1:4433/self-service/recovery?flow=", "without link base_url the public base URL is used");
    }

    [Fact]
    public async Task Disabled_link_method_is_kratos_404()
    {
        using var host = new TestHost(configure: b => b.UseInMemoryRecoveryOutbox());
        var identity = await host.CreateFooAsync();

        var act = () => host.Issuer().CreateRecoveryLinkAsync(identity.Id);

        var error = (await act.Should().ThrowAsync<RecoveryDisabledException>()).Which.Error;
        error.Code.Should().Be(404);
        error.Reason.Should().Be("This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.");
    }

    [Fact]
    public async Task Unknown_identity_is_a_400_for_links()
    {
        var act = () => _host.Issuer().CreateRecoveryLinkAsync(Guid.NewGuid());

        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Reason.Should().Be("The requested identity id does not exist.");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-3600, "-1h0m0s")]
    public async Task Expiry_that_is_not_in_the_future_is_refused(int seconds, string formatted)
    {
        var identity = await _host.CreateFooAsync();

        var act = () => _host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromSeconds(seconds));

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be($"Value from \"expires_in\" must be result to a future time: {formatted}");
    }

    [Fact]
    public async Task Return_to_must_be_allowed()
    {
        using var host = RecoveryTestHost.Create(o => o.SelfService.AllowedReturnUrls = ["https://app.example.com/welcome"]);
        var identity = await host.CreateFooAsync();

        var allowed = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, returnTo: new Uri("https://app.example.com/welcome/step-2"));
        var act = () => host.Issuer().CreateRecoveryLinkAsync(identity.Id, returnTo: new Uri("https://evil.example.com/welcome"));

        allowed.Link.Should().NotBeNullOrEmpty();
        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("Requested return_to URL \"https://evil.example.com/welcome\" is not allowed.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Wrong_token_is_invalid(string token)
    {
        var identity = await _host.CreateFooAsync();
        var link = await _host.Issuer().CreateRecoveryLinkAsync(identity.Id);

        var act = () => _host.Redeemer().RedeemLinkAsync(link.FlowId, token);

        (await act.Should().ThrowAsync<RecoveryTokenInvalidException>()).Which.UiMessage!.Id.Should().Be(4060004);
    }

    [Fact]
    public async Task Token_of_another_flow_is_invalid_and_stays_usable_on_its_own_flow()
    {
        var identity = await _host.CreateFooAsync();
        var first = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);
        var second = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);

        var act = () => _host.Redeemer().RedeemLinkAsync(second.Flow, first.Token);

        await act.Should().ThrowAsync<RecoveryTokenInvalidException>();
        (await _host.Redeemer().RedeemLinkAsync(first.Flow, first.Token)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public async Task Unknown_flow_is_not_found()
    {
        var act = () => _host.Redeemer().RedeemLinkAsync(Guid.NewGuid(), new string('a', 32));

        (await act.Should().ThrowAsync<RecoveryFlowNotFoundException>()).Which.Error.Code.Should().Be(404);
    }

    [Fact]
    public async Task Inactive_identity_is_refused_and_the_link_stays_unused()
    {
        var identity = await _host.CreateFooAsync();
        var (flow, token) = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);
        await _host.Manager.PatchAsync(identity.Id, [new JsonPatchOperation { Op = "replace", Path = "/state", Value = TestHost.Json("\"inactive\"") }]);

        var act = () => _host.Redeemer().RedeemLinkAsync(flow, token);

        var error = (await act.Should().ThrowAsync<IdentityDisabledException>()).Which.Error;
        error.Id.Should().Be("identity_disabled");
        error.Reason.Should().Be("This account was disabled.");

        await _host.Manager.PatchAsync(identity.Id, [new JsonPatchOperation { Op = "replace", Path = "/state", Value = TestHost.Json("\"active\"") }]);
        (await _host.Redeemer().RedeemLinkAsync(flow, token)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public async Task Updating_the_identity_keeps_pending_links_valid()
    {
        var identity = await _host.CreateFooAsync();
        var (flow, token) = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);

        await _host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = TestHost.Json("""{"email":"new@ory.sh"}""") });

        (await _host.Redeemer().RedeemLinkAsync(flow, token)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public async Task Deleting_the_identity_deletes_its_flows_and_tokens()
    {
        var identity = await _host.CreateFooAsync();
        var (flow, token) = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);

        await _host.Manager.DeleteAsync(identity.Id);

        var act = () => _host.Redeemer().RedeemLinkAsync(flow, token);
        await act.Should().ThrowAsync<RecoveryFlowNotFoundException>();
    }

    [Fact]
    public async Task Thirty_two_parallel_redeemers_of_one_link_have_exactly_one_winner()
    {
        var identity = await _host.CreateFooAsync();
        var (flow, token) = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);
        var winners = 0;
        var losers = 0;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _host.Redeemer().RedeemLinkAsync(flow, token);
                Interlocked.Increment(ref winners);
            }
            catch (RecoveryTokenInvalidException)
            {
                Interlocked.Increment(ref losers);
            }
        })));

        winners.Should().Be(1);
        losers.Should().Be(31);
    }

    [Fact]
    public async Task Tokens_signed_with_a_rotated_out_key_still_verify_while_the_key_is_listed()
    {
        var identity = await _host.CreateFooAsync();
        var (flow, token) = RecoveryTestHost.Parse((await _host.Issuer().CreateRecoveryLinkAsync(identity.Id)).Link);
        var rotated = new SecretHasher(new SecretsOptions { Cookie = ["a-brand-new-secret-for-2027", RecoveryTestHost.Secret] });
        var removed = new SecretHasher(new SecretsOptions { Cookie = ["a-brand-new-secret-for-2027"] });
        var stored = _host.Get<SecretHasher>().Hash(token);

        rotated.Candidates(token).Should().Contain(stored);
        removed.Candidates(token).Should().NotContain(stored);
        rotated.Hash(token).Should().NotBe(stored, "the first secret signs new tokens");
        (await _host.Redeemer().RedeemLinkAsync(flow, token)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public void Token_hash_is_kratos_hmac_sha512_256_hex()
    {
        var hasher = new SecretHasher(new SecretsOptions { Default = ["0123456789abcdef"] });

        // HMAC-SHA512/256(key "0123456789abcdef", "token"), computed independently with Python's hmac and OpenSSL.
        hasher.Hash("token").Should().Be("bfa868ac30b55e9089085189f17e2f93074c8c18a34768e8fdc48db10b358e87");
    }
}
