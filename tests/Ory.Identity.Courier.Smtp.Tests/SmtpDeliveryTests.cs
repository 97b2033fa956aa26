using System.Text.Json;
using MimeKit;
using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class SmtpDeliveryTests
{
    [SmtpFact]
    public async Task Recovery_message_arrives_with_from_to_subject_headers_and_text_body_and_is_recorded_sent()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true", o =>
        {
            o.Smtp.FromName = "Example Accounts";
            o.Smtp.LocalName = "courier.example.com";
            o.Smtp.Headers["X-SES-SOURCE-ARN"] = "arn:aws:ses:us-west-2:123456789012:identity/example.com";
        });
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var mail = (await server.WaitForMailAsync()).Single();
        mail.MailFrom.Should().Be(CourierTestHost.FromAddress);
        mail.Recipients.Should().Equal("foo@ory.sh");
        mail.Helo.Should().Be("courier.example.com", "courier.smtp.local_name is the EHLO name");
        mail.Tls.Should().BeFalse();
        mail.Message.From.Mailboxes.Single().Should().BeEquivalentTo(new { Name = "Example Accounts", Address = CourierTestHost.FromAddress });
        mail.Message.To.Mailboxes.Single().Address.Should().Be("foo@ory.sh");
        mail.Message.Subject.Should().Be("Recover access to your account");
        mail.Message.Headers["X-SES-SOURCE-ARN"].Should().Be("arn:aws:ses:us-west-2:123456789012:identity/example.com");
        mail.Message.Body.Should().BeOfType<TextPart>().Which.IsPlain.Should().BeTrue();
        mail.Message.TextBody.Should().Be(message.Body);

        var record = await host.WaitForAsync(message.Id, CourierMessageStatus.Sent);
        record.Should().BeEquivalentTo(new
        {
            MessageId = message.Id,
            TemplateType = RecoveryTemplateType.RecoveryValid,
            SendCount = 1,
            LastError = (string?)null,
            CreatedAt = CourierTestHost.Start,
        });
    }

    [SmtpFact]
    public async Task Message_with_an_html_body_is_sent_as_multipart_alternative_of_text_and_html()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true");
        await host.StartAsync();
        const string html = "<p>Recover access: <a href=\"http://127.0.0.1:4455/self-service/recovery?flow=1&amp;token=x\">link</a></p>";
        var message = CourierTestHost.Message("foo@ory.sh", html: html);

        await host.Sender.SendAsync(message);

        var mail = (await server.WaitForMailAsync()).Single().Message;
        var alternative = mail.Body.Should().BeOfType<MultipartAlternative>().Subject;
        alternative.Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        mail.TextBody.Should().Be(message.Body);
        mail.HtmlBody.Should().Be(html);
    }

    [SmtpFact]
    public async Task Link_read_from_the_received_mail_completes_self_service_recovery()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true");
        await host.StartAsync();
        var identity = await host.Get<IIdentityManager>().CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"invitee@example.com"}""").RootElement.Clone() });
        var recovery = host.Get<ISelfServiceRecovery>();
        var flow = await recovery.CreateFlowAsync();

        await recovery.SubmitAddressAsync(flow.Id, "Invitee@Example.com");

        var mail = (await server.WaitForMailAsync()).Single();
        mail.Recipients.Should().Equal("invitee@example.com");
        var link = RecoveryLinkInMail.Find(mail.Message.TextBody);
        link.Link.Should().StartWith($"http://127.0.0.1:4455/self-service/recovery?flow={flow.Id}&token=");
        var redemption = await host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, link.Token);
        redemption.IdentityId.Should().Be(identity.Id);
        redemption.AddressVerified.Should().BeTrue();
        (await host.Get<IIdentityManager>().GetAsync(identity.Id)).VerifiableAddresses.Single().Verified.Should().BeTrue();
    }
}
