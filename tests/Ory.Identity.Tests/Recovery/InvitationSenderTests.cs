using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Recovery;

/// <summary>
/// <see cref="IInvitationSender"/>: one invite message to the recovery address with a link that redeems; refusals send
/// and store nothing; a failing sender leaves no usable link; the recovery rate limit; parallel calls.
/// </summary>
public sealed class InvitationSenderTests
{
    private readonly RecordingRecoveryMessageSender _sender = new();

    private TestHost Host(Action<OryIdentityOptions>? configure = null) =>
        new(configure: builder =>
        {
            builder
                .AddSchema("no-recovery", TestHost.SchemaUrl("stub-identity"))
                .AddSchema("many-emails", TestHost.SchemaUrl("stub-handler-multiple_emails"))
                .AddMachineSchema("service", TestHost.SchemaUrl("service-account"))
                .Configure(o =>
                {
                    o.SelfService.Flows.Recovery.Enabled = true;
                    o.SelfService.Flows.Recovery.Use = "link";
                    o.SelfService.Methods.Link.Enabled = true;
                    o.SelfService.Methods.Link.Config.BaseUrl = RecoveryTestHost.SeedBaseUrl;
                    o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/welcome"];
                    o.Secrets.Cookie = [RecoveryTestHost.Secret];
                    configure?.Invoke(o);
                });
            builder.Services.AddSingleton<IRecoveryMessageSender>(_sender);
        });

    private static IInvitationSender Invitations(TestHost host) => host.Get<IInvitationSender>();

    // Every flow, secret and rate-limit window in the store (they are all deleted as expired at the end of time).
    private static async Task<int> StoredRecoveryRowsAsync(TestHost host) =>
        await host.Get<IRecoveryStore>().DeleteExpiredAsync(Instant.MaxValue);

    [Fact]
    public async Task An_invitation_sends_one_invite_message_to_the_recovery_address_with_a_link_that_redeems()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        var returnTo = new Uri("http://127.0.0.1:4455/welcome");

        var invitation = await Invitations(host).SendInvitationAsync(identity.Id, Duration.FromHours(12), returnTo);

        var message = _sender.Messages.Should().ContainSingle().Subject;
        message.TemplateType.Should().Be(RecoveryTemplateType.Invite);
        message.Recipient.Should().Be("foo@ory.sh");
        message.RecoveryUrl.Should().Be(invitation.RecoveryLink);
        message.Id.Should().Be(invitation.MessageId);
        message.IdentityId.Should().Be(identity.Id);
        message.ExpiresInMinutes.Should().Be(720);
        message.RequestUrl.Should().Be("http://127.0.0.1:4434/admin/invitations?return_to=http%3A%2F%2F127.0.0.1%3A4455%2Fwelcome");
        message.Subject.Should().Be("You are invited: set up your account");
        message.Body.Should().Contain(invitation.RecoveryLink);
        invitation.IdentityId.Should().Be(identity.Id);
        invitation.ExpiresAt.Should().Be(TestHost.Start + Duration.FromHours(12));
        invitation.RecoveryLink.Should().StartWith($"{RecoveryTestHost.SeedBaseUrl}self-service/recovery?flow={message.FlowId}&token=");

        var (flow, token) = RecoveryTestHost.Parse(invitation.RecoveryLink);
        var redemption = await host.Redeemer().RedeemLinkAsync(flow, token);
        redemption.IdentityId.Should().Be(identity.Id);
        redemption.Flow.ReturnTo.Should().Be(returnTo.ToString());
    }

    [Fact]
    public async Task Without_expires_in_the_link_lives_for_the_link_methods_lifespan()
    {
        using var host = Host(o => o.SelfService.Methods.Link.Config.Lifespan = "30m");
        var identity = await host.CreateFooAsync();

        var invitation = await Invitations(host).SendInvitationAsync(identity.Id);

        invitation.ExpiresAt.Should().Be(TestHost.Start + Duration.FromMinutes(30));
        _sender.Messages.Should().ContainSingle().Which.ExpiresInMinutes.Should().Be(30);
    }

    [Fact]
    public async Task The_invite_goes_to_the_first_email_recovery_address_of_several()
    {
        using var host = Host();
        var identity = await host.Manager.CreateAsync(TestHost.Create("""{"emails":["first@example.com","second@example.com"]}""", "many-emails"));
        identity.RecoveryAddresses.Select(a => a.Value).Should().Equal("first@example.com", "second@example.com");

        await Invitations(host).SendInvitationAsync(identity.Id);

        _sender.Messages.Should().ContainSingle().Which.Recipient.Should().Be("first@example.com");
    }

    [Fact]
    public async Task A_configured_invite_template_writes_the_message()
    {
        using var host = Host(o =>
        {
            o.Courier.Templates.Invite.Email.Subject = "Welcome {{ .Identity.traits.email }}";
            o.Courier.Templates.Invite.Email.Body.Plaintext = "Set up: {{ .RecoveryURL }} ({{ .ExpiresInMinutes }} minutes)";
            o.Courier.Templates.Invite.Email.Body.Html = "<a href=\"{{ .RecoveryURL }}\">Set up</a>";
        });
        var identity = await host.CreateFooAsync();

        var invitation = await Invitations(host).SendInvitationAsync(identity.Id);

        var message = _sender.Messages.Should().ContainSingle().Subject;
        message.Subject.Should().Be("Welcome foo@ory.sh");
        message.Body.Should().Be($"Set up: {invitation.RecoveryLink} (60 minutes)");
        message.HtmlBody.Should().Be($"<a href=\"{invitation.RecoveryLink.Replace("&", "&amp;", StringComparison.Ordinal)}\">Set up</a>");
    }

    public static TheoryData<string> Refusals => ["no recovery address", "machine", "unknown identity", "flows disabled", "link disabled", "expires_in zero", "expires_in negative", "return_to"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_invitation_sends_nothing_and_stores_nothing(string refusal)
    {
        using var host = Host(o =>
        {
            if (refusal == "flows disabled")
            {
                o.SelfService.Flows.Recovery.Enabled = false;
            }
            else if (refusal == "link disabled")
            {
                o.SelfService.Flows.Recovery.Use = "code";
                o.SelfService.Methods.Link.Enabled = false;
            }
        });
        var identity = refusal switch
        {
            "no recovery address" => await host.Manager.CreateAsync(TestHost.Create("""{"email":"nobody@example.com"}""", "no-recovery")),
            "machine" => await host.Manager.CreateAsync(TestHost.Create("""{"name":"ci","owner":"platform@example.com"}""", "service")),
            _ => await host.CreateFooAsync(),
        };
        var invite = () => Invitations(host).SendInvitationAsync(
            refusal == "unknown identity" ? Guid.NewGuid() : identity.Id,
            refusal switch { "expires_in zero" => Duration.Zero, "expires_in negative" => Duration.FromMinutes(-1), _ => null },
            refusal == "return_to" ? new Uri("https://evil.example/") : null);

        var error = (await invite.Should().ThrowAsync<OryIdentityException>()).Which;

        var (type, status, reason) = refusal switch
        {
            "no recovery address" => (typeof(InvitationRefusedException), 400, InvitationRefusedException.NoRecoveryAddressReason),
            "machine" => (typeof(MachineIdentityException), 400, "This identity is a machine identity: machine identities cannot be recovered; issue it a new API key instead."),
            "unknown identity" => (typeof(IdentityNotFoundException), 404, null),
            "flows disabled" => (typeof(RecoveryDisabledException), 400, "Recovery is not allowed because it was disabled."),
            "link disabled" => (typeof(RecoveryDisabledException), 404, "This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it."),
            "expires_in zero" => (typeof(InvalidRequestException), 400, "Value from \"expires_in\" must be result to a future time: 0s"),
            "expires_in negative" => (typeof(InvalidRequestException), 400, "Value from \"expires_in\" must be result to a future time: -1m0s"),
            _ => (typeof(ReturnToForbiddenException), 400, (string?)null),
        };
        error.GetType().Should().Be(type);
        error.StatusCode.Should().Be(status);
        if (reason is not null)
        {
            error.Error.Reason.Should().Be(reason);
        }

        _sender.Messages.Should().BeEmpty();
        (await StoredRecoveryRowsAsync(host)).Should().Be(0);
    }

    [Fact]
    public async Task When_the_sender_fails_the_call_fails_and_the_link_it_carried_does_not_redeem()
    {
        using var host = Host();
        var identity = await host.CreateFooAsync();
        _sender.Fail = true;

        var invite = () => Invitations(host).SendInvitationAsync(identity.Id);

        await invite.Should().ThrowAsync<IOException>();
        var message = _sender.Messages.Should().ContainSingle().Subject;
        var (flow, token) = RecoveryTestHost.Parse(message.RecoveryUrl!);
        var redeem = () => host.Redeemer().RedeemLinkAsync(flow, token);
        await redeem.Should().ThrowAsync<RecoveryTokenInvalidException>();
        host.Logs.Lines.Should().Contain(l => l.Contains("[2010]", StringComparison.Ordinal) && l.Contains(flow.ToString(), StringComparison.Ordinal));
        host.Logs.Texts.Should().NotContain(t => t.Contains(token, StringComparison.Ordinal) || t.Contains("foo@ory.sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_recovery_rate_limit_refuses_an_invitation_over_the_limit_with_429_until_the_window_ends()
    {
        using var host = Host(o =>
        {
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 2;
            o.SelfService.Flows.Recovery.RateLimit.Window = "1h";
        });
        var identity = await host.CreateFooAsync();
        await Invitations(host).SendInvitationAsync(identity.Id);
        await Invitations(host).SendInvitationAsync(identity.Id);

        var third = () => Invitations(host).SendInvitationAsync(identity.Id);

        var error = (await third.Should().ThrowAsync<RecoveryRateLimitedException>()).Which;
        error.StatusCode.Should().Be(429);
        error.Error.Status.Should().Be("Too Many Requests");
        error.Error.Reason.Should().Be("The address reached the limit of 2 recovery messages per 1h0m0s (selfservice.flows.recovery.rate_limit).");
        _sender.Messages.Should().HaveCount(2);

        host.Clock.Advance(Duration.FromHours(1));
        await Invitations(host).SendInvitationAsync(identity.Id);
        _sender.Messages.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_rate_limited_invitation_stores_no_flow_or_token()
    {
        using var host = Host(o => o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 1);
        var identity = await host.CreateFooAsync();
        await Invitations(host).SendInvitationAsync(identity.Id);

        var second = () => Invitations(host).SendInvitationAsync(identity.Id);

        await second.Should().ThrowAsync<RecoveryRateLimitedException>();
        (await StoredRecoveryRowsAsync(host)).Should().Be(3, "one flow, its token and the address's window");
    }

    [Fact]
    public async Task Parallel_invitations_for_one_identity_each_send_their_own_single_message()
    {
        using var host = Host(o => o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 0);
        var identity = await host.CreateFooAsync();

        var invitations = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Invitations(host).SendInvitationAsync(identity.Id))));

        _sender.Messages.Should().HaveCount(16);
        _sender.Messages.Select(m => m.Id).Should().BeEquivalentTo(invitations.Select(i => i.MessageId));
        _sender.Messages.Select(m => m.FlowId).Should().OnlyHaveUniqueItems();
        foreach (var invitation in invitations)
        {
            _sender.Messages.Should().ContainSingle(m => m.Id == invitation.MessageId).Which.RecoveryUrl.Should().Be(invitation.RecoveryLink);
        }
    }

    [Fact]
    public async Task Parallel_invitations_over_the_rate_limit_send_exactly_the_budget()
    {
        using var host = Host(o => o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 3);
        var identity = await host.CreateFooAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Invitations(host).SendInvitationAsync(identity.Id);
                return "sent";
            }
            catch (RecoveryRateLimitedException)
            {
                return "limited";
            }
        })));

        outcomes.Count(o => o == "sent").Should().Be(3);
        _sender.Messages.Should().HaveCount(3);
        _sender.Messages.Select(m => m.Id).Should().OnlyHaveUniqueItems();
    }
}
