using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

public sealed class SelfServiceRecoveryTests
{
    private static TestHost Host(string use = "code", bool notify = false, int rateLimit = 5) =>
        RecoveryTestHost.Create(o =>
        {
            o.SelfService.Flows.Recovery.Enabled = true;
            o.SelfService.Flows.Recovery.Use = use;
            o.SelfService.Flows.Recovery.NotifyUnknownRecipients = notify;
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = rateLimit;
        });

    [Theory]
    [InlineData("code")]
    [InlineData("link")]
    public async Task User_whose_invite_expired_recovers_with_their_email_and_the_address_gets_verified(string use)
    {
        using var host = Host(use);
        var identity = await host.CreateFooAsync();
        var invite = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, Duration.FromHours(12));
        host.Clock.Advance(Duration.FromHours(13));
        var expired = () => host.Redeemer().RedeemLinkAsync(invite.FlowId, RecoveryTestHost.Parse(invite.Link).Token);
        await expired.Should().ThrowAsync<RecoveryFlowExpiredException>();

        var flow = await host.SelfService().CreateFlowAsync();
        flow.State.Should().Be(RecoveryFlowState.ChooseMethod);
        var sent = await host.SelfService().SubmitAddressAsync(flow.Id, "FOO@ory.sh");

        sent.State.Should().Be(RecoveryFlowState.SentEmail);
        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.Recipient.Should().Be("foo@ory.sh", "the message goes to the stored address");
        message.IdentityId.Should().Be(identity.Id);
        message.ExpiresInMinutes.Should().Be(60);

        RecoveryRedemption redemption;
        if (use == "code")
        {
            message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryCodeValid);
            message.RecoveryCode.Should().MatchRegex("^[0-9]{6}$");
            sent.Ui.Messages!.Single().Id.Should().Be(1060003);
            redemption = await host.SelfService().SubmitCodeAsync(flow.Id, message.RecoveryCode!);
        }
        else
        {
            message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryValid);
            message.RecoveryUrl.Should().StartWith($"http://127.0.0.1:4455/self-service/recovery?flow={flow.Id}&token=");
            sent.Ui.Messages!.Single().Id.Should().Be(1060002);
            var (flowId, token) = RecoveryTestHost.Parse(message.RecoveryUrl!);
            redemption = await host.Redeemer().RedeemLinkAsync(flowId, token);
        }

        redemption.IdentityId.Should().Be(identity.Id);
        redemption.AddressVerified.Should().BeTrue();
        var address = (await host.Manager.GetAsync(identity.Id)).VerifiableAddresses.Single();
        address.Verified.Should().BeTrue();
        address.Status.Should().Be(VerifiableAddressStatus.Completed);
        address.VerifiedAt.Should().Be(host.Clock.GetCurrentInstant());
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_flow_and_no_message()
    {
        using var host = Host();
        await host.CreateFooAsync();
        var knownFlow = await host.SelfService().CreateFlowAsync();
        var unknownFlow = await host.SelfService().CreateFlowAsync();

        var known = await host.SelfService().SubmitAddressAsync(knownFlow.Id, "foo@ory.sh");
        var unknown = await host.SelfService().SubmitAddressAsync(unknownFlow.Id, "nobody@ory.sh");

        host.Outbox().Messages.Should().ContainSingle();
        OryIdentityJson.Serialize(unknown with { Id = known.Id, IssuedAt = known.IssuedAt, ExpiresAt = known.ExpiresAt, Ui = unknown.Ui with { Action = known.Ui.Action } })
            .Should().Be(OryIdentityJson.Serialize(known with { Ui = known.Ui with { Nodes = unknown.Ui.Nodes } }));
        unknown.State.Should().Be(RecoveryFlowState.SentEmail);
        unknown.Ui.Messages.Should().BeEquivalentTo(known.Ui.Messages);
    }

    [Fact]
    public async Task Unknown_email_is_told_when_notify_unknown_recipients_is_on()
    {
        using var host = Host(notify: true);
        var flow = await host.SelfService().CreateFlowAsync();

        await host.SelfService().SubmitAddressAsync(flow.Id, "Nobody@ory.sh");

        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryCodeInvalid);
        message.Recipient.Should().Be("Nobody@ory.sh", "the invalid template goes to the typed address");
        message.RecoveryCode.Should().BeNull();
        message.Subject.Should().Be("Account access attempted");
    }

    [Fact]
    public async Task Disabled_recovery_is_kratos_error()
    {
        using var host = RecoveryTestHost.Create();

        var act = () => host.SelfService().CreateFlowAsync();

        var error = (await act.Should().ThrowAsync<RecoveryDisabledException>()).Which.Error;
        error.Code.Should().Be(400);
        error.Reason.Should().Be("Recovery is not allowed because it was disabled.");
    }

    [Theory]
    [InlineData("", 4000002)]
    [InlineData("not an email", 4000040)]
    public async Task Bad_address_is_refused_with_a_node_message(string email, long messageId)
    {
        using var host = Host();
        var flow = await host.SelfService().CreateFlowAsync();

        var act = () => host.SelfService().SubmitAddressAsync(flow.Id, email);

        var error = (await act.Should().ThrowAsync<RecoveryFlowValidationException>()).Which;
        error.Error.Code.Should().Be(400);
        error.Flow.Ui.Nodes.Single(n => n.Attributes.Name == "email").Messages.Single().Id.Should().Be(messageId);
        (await host.SelfService().GetFlowAsync(flow.Id)).State.Should().Be(RecoveryFlowState.ChooseMethod);
        host.Outbox().Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Code_resend_invalidates_the_earlier_code()
    {
        using var host = Host();
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        var (first, second) = (host.Outbox().Messages[0].RecoveryCode!, host.Outbox().Messages[1].RecoveryCode!);

        if (first != second)
        {
            var old = () => host.SelfService().SubmitCodeAsync(flow.Id, first);
            await old.Should().ThrowAsync<RecoveryTokenInvalidException>();
        }

        (await host.SelfService().SubmitCodeAsync(flow.Id, second)).AddressVerified.Should().BeTrue();
    }

    [Fact]
    public async Task Messages_to_one_address_are_rate_limited_without_changing_the_answer()
    {
        using var host = Host(rateLimit: 2);
        await host.CreateFooAsync();

        var answers = new List<RecoveryFlow>();
        for (var i = 0; i < 4; i++)
        {
            var flow = await host.SelfService().CreateFlowAsync();
            answers.Add(await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh"));
        }

        host.Outbox().Messages.Should().HaveCount(2);
        answers.Should().OnlyContain(a => a.State == RecoveryFlowState.SentEmail && a.Ui.Messages!.Single().Id == 1060003);
        host.Logs.Lines.Should().Contain(l => l.Contains("[2005]", StringComparison.Ordinal));

        host.Clock.Advance(Duration.FromHours(1));
        var later = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(later.Id, "foo@ory.sh");
        host.Outbox().Messages.Should().HaveCount(3, "the window has passed");
    }

    [Fact]
    public async Task Inactive_identity_is_refused_and_its_address_stays_unverified()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        await host.Manager.UpdateAsync(identity.Id, new UpdateIdentityRequest { Traits = identity.Traits, State = IdentityState.Inactive });

        var act = () => host.SelfService().SubmitCodeAsync(flow.Id, host.Outbox().Messages.Single().RecoveryCode!);

        await act.Should().ThrowAsync<IdentityDisabledException>();
        (await host.Manager.GetAsync(identity.Id)).VerifiableAddresses.Single().Verified.Should().BeFalse();
    }

    [Fact]
    public async Task Expired_flow_is_gone_with_kratos_message()
    {
        using var host = Host();
        var flow = await host.SelfService().CreateFlowAsync();
        host.Clock.Advance(Duration.FromMinutes(63));

        var act = () => host.SelfService().GetFlowAsync(flow.Id);

        var error = (await act.Should().ThrowAsync<RecoveryFlowExpiredException>()).Which;
        error.Error.Code.Should().Be(410);
        error.UiMessage!.Text.Should().Be("The recovery flow expired 3.00 minutes ago, please try again.");
    }

    [Fact]
    public async Task Completed_flow_does_not_take_another_address()
    {
        using var host = Host();
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        await host.SelfService().SubmitCodeAsync(flow.Id, host.Outbox().Messages.Single().RecoveryCode!);

        var act = () => host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        (await act.Should().ThrowAsync<RecoveryException>()).Which.UiMessage!.Id.Should().Be(4060001);
    }

    [Fact]
    public async Task New_flow_has_kratos_nodes()
    {
        using var host = Host();

        var flow = await host.SelfService().CreateFlowAsync();

        flow.Type.Should().Be(SelfServiceFlowType.Api);
        flow.Active.Should().Be(RecoveryMethod.Code);
        flow.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(1));
        flow.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/recovery/api");
        flow.Ui.Action.Should().Be($"http://127.0.0.1:4433/self-service/recovery?flow={flow.Id}");
        flow.Ui.Method.Should().Be("POST");
        flow.Ui.Nodes.Select(n => (n.Group, n.Attributes.Name, n.Attributes.InputType))
            .Should().Equal(("default", "csrf_token", "hidden"), ("code", "email", "email"), ("code", "method", "submit"));
        OryIdentityJson.Serialize(flow).Should().Contain("\"meta\":{\"label\":{\"id\":1070007,\"text\":\"Email\",\"type\":\"info\"}}");
    }
}
