using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>What a self-service flow shows and sends after an address is submitted (Kratos's recovery form and courier data).</summary>
public sealed class SelfServiceRecoveryFormTests
{
    private static TestHost Host(string use = "code", bool linkEnabled = true, Action<OryIdentityOptions>? configure = null) =>
        RecoveryTestHost.Create(o =>
        {
            o.SelfService.Flows.Recovery.Enabled = true;
            o.SelfService.Flows.Recovery.Use = use;
            o.SelfService.Methods.Link.Enabled = linkEnabled;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task After_a_code_is_sent_the_form_asks_for_the_code_and_offers_a_resend_to_the_typed_address()
    {
        using var host = Host();
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        var sent = await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        sent.Active.Should().Be(RecoveryMethod.Code);
        sent.Ui.Nodes.Select(n => (n.Group, n.Attributes.Name, n.Attributes.InputType, n.Attributes.Value, n.Meta?.Label?.Id)).Should().Equal(
            ("default", "csrf_token", "hidden", string.Empty, null),
            ("code", "code", "text", null, 1070010),
            ("code", "method", "hidden", "code", null),
            ("code", "method", "submit", "code", 1070009),
            ("code", "email", "submit", "foo@ory.sh", 1070008));
        var code = sent.Ui.Nodes[1].Attributes;
        (code.Required, code.Pattern, code.MaxLength, code.Autocomplete).Should().Be((true, "[0-9]+", 6, "one-time-code"));
        sent.Ui.Nodes[4].Meta!.Label!.Text.Should().Be("Resend code");
        sent.Ui.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 1060003L, Type = "info" });
    }

    [Fact]
    public async Task After_a_link_is_sent_the_form_keeps_the_typed_address_in_the_email_field()
    {
        using var host = Host("link");
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        var sent = await host.SelfService().SubmitAddressAsync(flow.Id, "  foo@ory.sh ");

        sent.Active.Should().Be(RecoveryMethod.Link);
        sent.State.Should().Be(RecoveryFlowState.SentEmail);
        sent.Ui.Nodes.Select(n => (n.Group, n.Attributes.Name, n.Attributes.InputType, n.Attributes.Value)).Should().Equal(
            ("default", "csrf_token", "hidden", string.Empty),
            ("link", "email", "email", "foo@ory.sh"),
            ("link", "method", "submit", "link"));
        sent.Ui.Nodes[1].Attributes.Required.Should().BeTrue();
        sent.Ui.Nodes[1].Attributes.Autocomplete.Should().Be("email");
        sent.Ui.Nodes[1].Messages.Should().BeEmpty();
        sent.Ui.Nodes[2].Meta!.Label!.Text.Should().Be("Continue");
        host.Outbox().Messages.Should().ContainSingle().Which.Recipient.Should().Be("foo@ory.sh", "the typed address is trimmed");
    }

    [Fact]
    public async Task A_known_address_gets_a_code_message_with_the_flow_data_and_the_code_lifespan()
    {
        using var host = Host(configure: o => o.SelfService.Methods.Code.Config.Lifespan = "15m");
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryCodeValid);
        message.FlowId.Should().Be(flow.Id);
        message.IdentityId.Should().Be(identity.Id);
        message.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/recovery/api");
        message.ExpiresInMinutes.Should().Be(15);
        message.RecoveryUrl.Should().BeNull();
        message.Body.Should().Contain(message.RecoveryCode!);

        host.Clock.Advance(Duration.FromMinutes(15));
        var late = () => host.SelfService().SubmitCodeAsync(flow.Id, message.RecoveryCode!);
        await late.Should().ThrowAsync<RecoveryTokenInvalidException>("a code dies at its own lifespan, before the flow's");
    }

    [Fact]
    public async Task A_known_address_gets_a_link_message_whose_link_redeems_until_the_link_lifespan()
    {
        using var host = Host("link", configure: o => o.SelfService.Methods.Link.Config.Lifespan = "10m");
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryValid);
        message.ExpiresInMinutes.Should().Be(10);
        message.RecoveryCode.Should().BeNull();
        message.RecoveryUrl.Should().MatchRegex($"^http://127\\.0\\.0\\.1:4455/self-service/recovery\\?flow={flow.Id}&token=[a-zA-Z0-9]{{32}}$");
        var (flowId, token) = RecoveryTestHost.Parse(message.RecoveryUrl!);

        host.Clock.Advance(Duration.FromMinutes(10));
        var late = () => host.Redeemer().RedeemLinkAsync(flowId, token);
        var expired = (await late.Should().ThrowAsync<RecoveryFlowExpiredException>()).Which;
        expired.Error.Code.Should().Be(410);

        host.Clock.Advance(-Duration.FromSeconds(1));
        (await host.Redeemer().RedeemLinkAsync(flowId, token)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public async Task The_method_can_be_switched_at_submission_when_it_is_enabled()
    {
        using var host = Host();
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        var sent = await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh", RecoveryMethod.Link);

        sent.Active.Should().Be(RecoveryMethod.Link);
        sent.Ui.Messages!.Single().Id.Should().Be(1060002);
        host.Outbox().Messages.Single().TemplateType.Should().Be(RecoveryTemplateType.RecoveryValid);
        (await host.SelfService().GetFlowAsync(flow.Id)).Active.Should().Be(RecoveryMethod.Link);
    }

    [Theory]
    [InlineData("code", RecoveryMethod.Link)]
    [InlineData("link", RecoveryMethod.Code)]
    public async Task Choosing_a_disabled_method_is_refused_and_sends_nothing(string use, RecoveryMethod disabled)
    {
        using var host = Host(use, linkEnabled: disabled != RecoveryMethod.Link, configure: o => o.SelfService.Methods.Code.Enabled = disabled != RecoveryMethod.Code);
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        var submit = () => host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh", disabled);

        (await submit.Should().ThrowAsync<RecoveryDisabledException>()).Which.Error.Code.Should().Be(404);
        host.Outbox().Messages.Should().BeEmpty();
        (await host.SelfService().GetFlowAsync(flow.Id)).State.Should().Be(RecoveryFlowState.ChooseMethod);
    }

    [Fact]
    public async Task An_unknown_address_with_the_link_method_is_told_with_the_link_template()
    {
        using var host = Host("link", configure: o => o.SelfService.Flows.Recovery.NotifyUnknownRecipients = true);
        var flow = await host.SelfService().CreateFlowAsync();

        await host.SelfService().SubmitAddressAsync(flow.Id, "nobody@ory.sh");

        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.TemplateType.Should().Be(RecoveryTemplateType.RecoveryInvalid);
        message.Recipient.Should().Be("nobody@ory.sh");
        message.FlowId.Should().Be(flow.Id);
        message.RequestUrl.Should().Be(flow.RequestUrl);
        message.RecoveryUrl.Should().BeNull();
        message.IdentityId.Should().BeNull();
    }

    [Fact]
    public async Task An_invalid_address_is_shown_back_with_its_message_on_the_chosen_method()
    {
        using var host = Host();
        var flow = await host.SelfService().CreateFlowAsync();
        var payload = TestHost.Json("""{"locale":"de"}""");

        var submit = () => host.SelfService().SubmitAddressAsync(flow.Id, "not-an-email", RecoveryMethod.Link, payload);

        var error = (await submit.Should().ThrowAsync<RecoveryFlowValidationException>()).Which;
        error.Flow.Active.Should().Be(RecoveryMethod.Link);
        error.Flow.TransientPayload!.Value.GetRawText().Should().Be("""{"locale":"de"}""");
        var email = error.Flow.Ui.Nodes.Single(n => n.Attributes.Name == "email");
        email.Group.Should().Be("link");
        email.Attributes.Value.Should().Be("not-an-email");
        email.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 4000040L, Text = "Enter a valid email address", Type = "error" });
        error.Flow.Ui.Messages.Should().BeNull();
    }

    [Fact]
    public async Task The_transient_payload_is_echoed_and_not_kept()
    {
        using var host = Host();
        var flow = await host.SelfService().CreateFlowAsync();

        var sent = await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh", transientPayload: TestHost.Json("""{"a":1}"""));

        sent.TransientPayload!.Value.GetRawText().Should().Be("""{"a":1}""");
        (await host.SelfService().GetFlowAsync(flow.Id)).TransientPayload.Should().BeNull();
    }

    [Fact]
    public async Task A_browser_flow_with_an_allowed_return_to_records_both()
    {
        using var host = Host(configure: o => o.SelfService.AllowedReturnUrls = ["https://app.example.com/welcome"]);
        var returnTo = new Uri("https://app.example.com/welcome/done?step=2");

        var flow = await host.SelfService().CreateFlowAsync(SelfServiceFlowType.Browser, returnTo);

        flow.Type.Should().Be(SelfServiceFlowType.Browser);
        flow.ReturnTo.Should().Be("https://app.example.com/welcome/done?step=2");
        flow.RequestUrl.Should().Be("http://127.0.0.1:4433/self-service/recovery/browser?return_to=https%3A%2F%2Fapp.example.com%2Fwelcome%2Fdone%3Fstep%3D2");
        var read = await host.SelfService().GetFlowAsync(flow.Id);
        (read.ReturnTo, read.RequestUrl, read.Type).Should().Be((flow.ReturnTo, flow.RequestUrl, flow.Type));
    }

    [Fact]
    public async Task A_return_to_that_is_not_allowed_starts_no_flow()
    {
        using var host = Host(configure: o => o.SelfService.AllowedReturnUrls = ["https://app.example.com/welcome"]);

        var create = () => host.SelfService().CreateFlowAsync(SelfServiceFlowType.Browser, new Uri("https://app.example.com/other"));

        (await create.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Code.Should().Be(400);
    }

    [Fact]
    public async Task A_flow_lives_for_the_configured_lifespan_to_the_second()
    {
        using var host = Host(configure: o => o.SelfService.Flows.Recovery.Lifespan = "30m");
        var flow = await host.SelfService().CreateFlowAsync();

        flow.ExpiresAt.Should().Be(TestHost.Start + Duration.FromMinutes(30));
        host.Clock.Advance(Duration.FromMinutes(30) - Duration.FromSeconds(1));
        (await host.SelfService().GetFlowAsync(flow.Id)).Id.Should().Be(flow.Id);
        host.Clock.Advance(Duration.FromSeconds(1));
        var expired = (await ((Func<Task>)(() => host.SelfService().GetFlowAsync(flow.Id))).Should().ThrowAsync<RecoveryFlowExpiredException>()).Which;
        expired.UiMessage!.Context!.Value.GetProperty("expired_at_unix").GetInt64().Should().Be(flow.ExpiresAt.ToUnixTimeSeconds());
        expired.UiMessage.Text.Should().Be("The recovery flow expired 0.00 minutes ago, please try again.");
    }

    [Fact]
    public async Task Without_a_rate_limit_every_submission_is_sent()
    {
        using var host = Host(configure: o => o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 0);
        await host.CreateFooAsync();

        for (var i = 0; i < 7; i++)
        {
            var flow = await host.SelfService().CreateFlowAsync();
            await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        }

        host.Outbox().Messages.Should().HaveCount(7);
    }

    [Fact]
    public async Task The_rate_limit_window_restarts_exactly_when_it_has_passed()
    {
        using var host = Host(configure: o =>
        {
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 1;
            o.SelfService.Flows.Recovery.RateLimit.Window = "10m";
        });
        await host.CreateFooAsync();

        async Task SubmitAsync()
        {
            var flow = await host.SelfService().CreateFlowAsync();
            await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        }

        await SubmitAsync();
        host.Clock.Advance(Duration.FromMinutes(10) - Duration.FromSeconds(1));
        await SubmitAsync();
        host.Outbox().Messages.Should().HaveCount(1);
        host.Clock.Advance(Duration.FromSeconds(1));
        await SubmitAsync();
        host.Outbox().Messages.Should().HaveCount(2);
    }
}
