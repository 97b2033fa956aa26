using System.Net;
using System.Text.Json;
using MimeKit;
using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class InvitationDeliveryTests
{
    [SmtpFact]
    public async Task Invite_sent_by_the_server_arrives_with_its_templates_and_the_link_from_the_mail_redeems()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true", configureIdentity: o =>
        {
            var invite = o.Courier.Templates.Invite.Email;
            invite.Subject = "Welcome, {{ .Identity.traits.email }}";
            invite.Body.Plaintext = "Set your password: {{ .RecoveryURL }}";
            invite.Body.Html = "<p><a href=\"{{ .RecoveryURL }}\">Set your password</a></p>";
        });
        await host.StartAsync();
        var manager = host.Get<IIdentityManager>();
        var identity = await manager.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"invitee@example.com"}""").RootElement.Clone() });

        var invitation = await host.Get<IInvitationSender>().SendInvitationAsync(identity.Id);

        var mail = (await server.WaitForMailAsync()).Single();
        mail.Recipients.Should().Equal("invitee@example.com");
        mail.Message.Subject.Should().Be("Welcome, invitee@example.com");
        mail.Message.Body.Should().BeOfType<MultipartAlternative>();
        var link = RecoveryLinkInMail.Find(mail.Message.TextBody);
        link.Link.Should().Be(invitation.RecoveryLink);
        mail.Message.HtmlBody.Should().Be($"<p><a href=\"{WebUtility.HtmlEncode(invitation.RecoveryLink)}\">Set your password</a></p>");
        (await host.WaitForAsync(invitation.MessageId, CourierMessageStatus.Sent)).TemplateType.Should().Be(RecoveryTemplateType.Invite);

        var redemption = await host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, link.Token);
        redemption.IdentityId.Should().Be(identity.Id);
        server.ReceivedCount.Should().Be(1, "one invitation, one message");
    }
}
