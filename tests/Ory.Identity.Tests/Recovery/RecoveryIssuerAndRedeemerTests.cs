using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>Admin-issued links and codes: the flows they start, who may get one, and what a redemption verifies.</summary>
public sealed class RecoveryIssuerAndRedeemerTests
{
    private static TestHost Host(Action<OryIdentityOptions>? configure = null) =>
        RecoveryTestHost.Create(o =>
        {
            o.SelfService.Flows.Recovery.Enabled = true;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_code_links_to_a_ui_url_that_already_has_a_query_with_an_ampersand()
    {
        using var host = Host(o => o.SelfService.Flows.Recovery.UiUrl = "https://ui.example.com/recovery?lang=de");
        var identity = await host.CreateFooAsync();

        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id);

        code.Link.Should().Be($"https://ui.example.com/recovery?lang=de&flow={code.FlowId}");
    }

    [Fact]
    public async Task An_admin_code_starts_a_browser_flow_waiting_for_the_code()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();

        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.FromMinutes(20));
        var flow = await host.SelfService().GetFlowAsync(code.FlowId);

        flow.Type.Should().Be(SelfServiceFlowType.Browser);
        flow.Active.Should().Be(RecoveryMethod.Code);
        flow.State.Should().Be(RecoveryFlowState.SentEmail);
        flow.RequestUrl.Should().Be("http://127.0.0.1:4434/admin/recovery/code");
        flow.ExpiresAt.Should().Be(TestHost.Start + Duration.FromMinutes(20));
        flow.IssuedAt.Should().Be(TestHost.Start);
        flow.Ui.Nodes.Select(n => n.Attributes.Name).Should().Equal("csrf_token", "code", "method", "method", "email");
    }

    [Fact]
    public async Task An_admin_link_starts_a_browser_flow_that_remembers_its_return_to()
    {
        using var host = Host(o => o.SelfService.AllowedReturnUrls = ["https://app.example.com/"]);
        var identity = await host.CreateFooAsync();

        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id, returnTo: new Uri("https://app.example.com/home"));
        var flow = await host.SelfService().GetFlowAsync(link.FlowId);

        flow.Type.Should().Be(SelfServiceFlowType.Browser);
        flow.Active.Should().Be(RecoveryMethod.Link);
        flow.State.Should().Be(RecoveryFlowState.ChooseMethod);
        flow.ReturnTo.Should().Be("https://app.example.com/home");
        flow.RequestUrl.Should().Be("http://127.0.0.1:4434/admin/recovery/link?return_to=https%3A%2F%2Fapp.example.com%2Fhome");
        link.ExpiresAt.Should().Be(flow.ExpiresAt);
    }

    [Fact]
    public async Task A_zero_code_lifespan_is_refused_with_Kratos_text()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();

        var act = () => host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.Zero);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason
            .Should().Be("Value from \"expires_in\" must result to a future time: 0s");
    }

    [Fact]
    public async Task Machine_identities_get_neither_links_nor_codes()
    {
        using var host = new TestHost(configure: b => b
            .AddMachineSchema("service", TestHost.SchemaUrl("service-account"))
            .Configure(o =>
            {
                o.SelfService.Methods.Link.Enabled = true;
                o.Secrets.Cookie = [RecoveryTestHost.Secret];
            })
            .UseInMemoryRecoveryOutbox());
        var machine = await host.Manager.CreateAsync(TestHost.Create("""{"name":"ci","owner":"platform@example.com"}""", "service"));

        var link = () => host.Issuer().CreateRecoveryLinkAsync(machine.Id);
        var code = () => host.Issuer().CreateRecoveryCodeAsync(machine.Id);

        (await link.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Code.Should().Be(400);
        (await code.Should().ThrowAsync<MachineIdentityException>()).Which.Error.Code.Should().Be(400);
    }

    [Fact]
    public async Task A_self_service_redemption_verifies_only_the_address_the_code_went_to_and_only_once()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        var first = await host.SelfService().SubmitCodeAsync(flow.Id, host.Outbox().Messages.Single().RecoveryCode!);

        first.AddressVerified.Should().BeTrue();
        first.Flow.State.Should().Be(RecoveryFlowState.PassedChallenge);
        (await host.Manager.GetAsync(identity.Id)).UpdatedAt.Should().Be(host.Clock.GetCurrentInstant());

        host.Clock.Advance(Duration.FromMinutes(1));
        var again = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(again.Id, "foo@ory.sh");
        var second = await host.SelfService().SubmitCodeAsync(again.Id, host.Outbox().Messages[1].RecoveryCode!);

        second.AddressVerified.Should().BeFalse("the address was verified already");
        var stored = await host.Manager.GetAsync(identity.Id);
        stored.VerifiableAddresses.Single().VerifiedAt.Should().Be(TestHost.Start, "the first verification is kept");
        stored.UpdatedAt.Should().Be(TestHost.Start, "nothing changed, so nothing was written");
    }

    [Fact]
    public async Task A_self_service_link_redemption_verifies_the_address()
    {
        using var host = Host(o => o.SelfService.Flows.Recovery.Use = "link");
        var identity = await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();
        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");
        var (flowId, token) = RecoveryTestHost.Parse(host.Outbox().Messages.Single().RecoveryUrl!);

        var redemption = await host.Redeemer().RedeemLinkAsync(flowId, token);

        redemption.Method.Should().Be(RecoveryMethod.Link);
        redemption.AddressVerified.Should().BeTrue();
        (await host.Manager.GetAsync(identity.Id)).VerifiableAddresses.Single().Verified.Should().BeTrue();
    }

    [Fact]
    public async Task A_code_works_until_the_second_before_it_expires()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id, Duration.FromMinutes(5));

        host.Clock.Advance(Duration.FromMinutes(5) - Duration.FromSeconds(1));

        (await host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code)).IdentityId.Should().Be(identity.Id);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    public async Task A_code_that_is_not_six_digits_is_invalid_and_counts_as_a_submission(string malformed)
    {
        using var host = Host(o => o.SelfService.Methods.Code.Config.MaxSubmissions = 1);
        var identity = await host.CreateFooAsync();
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id);

        var bad = () => host.Redeemer().RedeemCodeAsync(code.FlowId, malformed);
        var good = () => host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code);

        (await bad.Should().ThrowAsync<RecoveryTokenInvalidException>()).Which.UiMessage!.Id.Should().Be(4060006);
        await good.Should().ThrowAsync<RecoverySubmissionsExceededException>();
    }

    [Fact]
    public async Task Max_submissions_allows_exactly_that_many_submissions()
    {
        using var host = Host(o => o.SelfService.Methods.Code.Config.MaxSubmissions = 2);
        var identity = await host.CreateFooAsync();
        var code = await host.Issuer().CreateRecoveryCodeAsync(identity.Id);
        var wrong = code.Code == "000000" ? "111111" : "000000";

        var guess = () => host.Redeemer().RedeemCodeAsync(code.FlowId, wrong);
        await guess.Should().ThrowAsync<RecoveryTokenInvalidException>();

        (await host.Redeemer().RedeemCodeAsync(code.FlowId, code.Code)).IdentityId.Should().Be(identity.Id);
    }

    [Fact]
    public async Task Redeeming_writes_every_refusal_to_the_log_without_the_secret()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        var link = await host.Issuer().CreateRecoveryLinkAsync(identity.Id);
        var wrong = new string('b', 32);

        var act = () => host.Redeemer().RedeemLinkAsync(link.FlowId, wrong);

        await act.Should().ThrowAsync<RecoveryTokenInvalidException>();
        host.Logs.Lines.Should().Contain(l => l.Contains(link.FlowId.ToString(), StringComparison.Ordinal) && !l.Contains(wrong, StringComparison.Ordinal));
    }
}
