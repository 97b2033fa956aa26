using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

public sealed class RecoveryCodeTests : IDisposable
{
    private readonly TestHost _host = RecoveryTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Code_is_six_digits_with_a_link_to_the_recovery_ui_and_redeems_once()
    {
        var identity = await _host.CreateFooAsync();

        var code = await _host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.FromHours(2));

        code.Code.Should().MatchRegex("^[0-9]{6}$");
        code.Link.Should().Be($"https://www.ory.com/kratos/docs/fallback/recovery?flow={code.FlowId}");
        code.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(2));
        using (var json = JsonDocument.Parse(OryIdentityJson.Serialize(code)))
        {
            json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("recovery_link", "recovery_code", "expires_at");
        }

        var redemption = await _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);
        redemption.IdentityId.Should().Be(identity.Id);
        redemption.Method.Should().Be(RecoveryMethod.Code);

        var again = () => _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);
        (await again.Should().ThrowAsync<RecoveryTokenInvalidException>()).Which.UiMessage!.Id.Should().Be(4060006);
    }

    [Fact]
    public async Task Unknown_identity_is_a_404_for_codes()
    {
        var act = () => _host.Issuer().CreateRecoveryCodeAsync(Guid.NewGuid());

        var error = (await act.Should().ThrowAsync<IdentityNotFoundException>()).Which.Error;
        error.Code.Should().Be(404);
        error.Message.Should().Be("Unable to locate the resource");
        error.Reason.Should().Be("could not find identity");
    }

    [Fact]
    public async Task Negative_expiry_is_refused_before_the_identity_lookup()
    {
        var act = () => _host.Issuer().CreateRecoveryCodeAsync(Guid.NewGuid(), Duration.FromHours(-1));

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("Value from \"expires_in\" must result to a future time: -1h0m0s");
    }

    [Fact]
    public async Task Disabled_code_method_is_kratos_404()
    {
        using var host = RecoveryTestHost.Create(o => o.SelfService.Methods.Code.Enabled = false);
        var identity = await host.CreateFooAsync();

        var act = () => host.Issuer().CreateRecoveryCodeAsync(identity.Id);

        (await act.Should().ThrowAsync<RecoveryDisabledException>()).Which.Error.Code.Should().Be(404);
    }

    [Fact]
    public async Task Guessing_six_times_exceeds_the_submissions_and_the_right_code_then_fails_too()
    {
        var identity = await _host.CreateFooAsync();
        var code = await _host.Issuer().CreateRecoveryCodeAsync(identity.Id);
        var wrong = code.Code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            var guess = () => _host.Redeemer().RedeemCodeAsync(code.FlowId, wrong);
            (await guess.Should().ThrowAsync<RecoveryTokenInvalidException>()).Which.UiMessage!.Text
                .Should().Be("The recovery code is invalid or has already been used. Please try again.");
        }

        var sixth = () => _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);
        (await sixth.Should().ThrowAsync<RecoverySubmissionsExceededException>()).Which.Error.Reason
            .Should().Be("The request was submitted too often. Please request another code.");
    }

    [Fact]
    public async Task Expired_code_counts_as_invalid()
    {
        var identity = await _host.CreateFooAsync();
        var code = await _host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.FromMinutes(5));
        _host.Clock.Advance(Duration.FromMinutes(6));

        var act = () => _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);

        await act.Should().ThrowAsync<RecoveryFlowExpiredException>("the admin code's flow expires with it");
    }

    [Fact]
    public async Task Inactive_identity_is_refused_at_redemption()
    {
        var identity = await _host.CreateFooAsync();
        var code = await _host.Issuer().CreateRecoveryCodeAsync(identity.Id);
        await _host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, State = IdentityState.Inactive });

        var act = () => _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);

        (await act.Should().ThrowAsync<IdentityDisabledException>()).Which.UiMessage!.Id.Should().Be(4010011);
    }

    [Fact]
    public async Task Api_flow_type_is_kept()
    {
        var identity = await _host.CreateFooAsync();

        var code = await _host.Issuer().CreateRecoveryCodeAsync(identity.Id, null, SelfServiceFlowType.Api);
        var redemption = await _host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);

        redemption.Flow.Type.Should().Be(SelfServiceFlowType.Api);
    }
}
