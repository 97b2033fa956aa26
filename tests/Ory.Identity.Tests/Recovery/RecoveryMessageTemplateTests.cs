namespace Ory.Identity.Tests.Recovery;

/// <summary>The subject and body of each of Kratos's built-in recovery templates (courier/template/email/recovery_*).</summary>
public sealed class RecoveryMessageTemplateTests
{
    private static readonly Guid FlowId = Guid.Parse("0193a0c4-0000-7000-8000-000000000001");

    private static RecoveryMessage Message(RecoveryTemplateType template) => new()
    {
        TemplateType = template,
        Recipient = "foo@ory.sh",
        RecoveryUrl = template is RecoveryTemplateType.RecoveryValid or RecoveryTemplateType.Invite ? "http://127.0.0.1:4455/self-service/recovery?flow=f&token=t" : null,
        RecoveryCode = template == RecoveryTemplateType.RecoveryCodeValid ? "123456" : null,
        ExpiresInMinutes = 15,
        FlowId = FlowId,
        RequestUrl = "http://127.0.0.1:4433/self-service/recovery/api",
    };

    [Fact]
    public void A_link_message_asks_to_click_the_link_and_says_when_it_expires()
    {
        var message = Message(RecoveryTemplateType.RecoveryValid);

        message.Subject.Should().Be("Recover access to your account");
        message.Body.Should().Be(
            "Hi,\n\nplease recover access to your account by clicking the following link:\n\n" +
            "http://127.0.0.1:4455/self-service/recovery?flow=f&token=t\n\nThis link expires in 15 minutes.\n");
    }

    [Fact]
    public void A_code_message_puts_the_code_in_the_subject_and_body()
    {
        var message = Message(RecoveryTemplateType.RecoveryCodeValid);

        message.Subject.Should().Be("Use code 123456 to recover access to your account");
        message.Body.Should().Be(
            "Hi,\n\nplease recover access to your account by entering the following code:\n\n123456\n\nThis code expires in 15 minutes.\n");
    }

    [Fact]
    public void An_invite_says_an_account_was_created_and_carries_the_link()
    {
        var message = Message(RecoveryTemplateType.Invite);

        message.Subject.Should().Be("You are invited: set up your account");
        message.Body.Should().Be(
            "Hi,\n\nan account has been created for you. Set your password and sign in by clicking the following link:\n\n" +
            "http://127.0.0.1:4455/self-service/recovery?flow=f&token=t\n\nThis link expires in 15 minutes.\n");
        message.HtmlBody.Should().BeNull();
    }

    [Fact]
    public void A_rendered_template_replaces_the_built_in_subject_and_body()
    {
        var message = Message(RecoveryTemplateType.RecoveryValid) with { Subject = "Welcome", Body = "Click it.", HtmlBody = "<p>Click it.</p>" };

        message.Subject.Should().Be("Welcome");
        message.Body.Should().Be("Click it.");
        message.HtmlBody.Should().Be("<p>Click it.</p>");
    }

    [Fact]
    public void Every_message_gets_its_own_version_7_id()
    {
        var first = Message(RecoveryTemplateType.RecoveryValid);
        var second = Message(RecoveryTemplateType.RecoveryValid);

        first.Id.Should().NotBe(second.Id);
        first.Id.Version.Should().Be(7);
    }

    [Theory]
    [InlineData(RecoveryTemplateType.RecoveryInvalid)]
    [InlineData(RecoveryTemplateType.RecoveryCodeInvalid)]
    public void An_unknown_address_is_told_the_attempt_failed_without_any_secret(RecoveryTemplateType template)
    {
        var message = Message(template);

        message.Subject.Should().Be("Account access attempted");
        message.Body.Should().Be(
            "Hi,\n\nyou (or someone else) entered this email address when trying to recover access to an account.\n\n" +
            "However, this email address is not on our database of registered users and therefore the attempt has failed.\n\n" +
            "If this was you, check if you signed up using a different address.\n\nIf this was not you, please ignore this email.\n");
    }

    [Fact]
    public void Messages_go_by_email_and_print_neither_recipient_nor_secret()
    {
        var message = Message(RecoveryTemplateType.RecoveryCodeValid);

        message.Channel.Should().Be(AddressVia.Email);
        message.ToString().Should().Be($"RecoveryMessage {{ Id = {message.Id}, TemplateType = RecoveryCodeValid, FlowId = {FlowId} }}");
    }
}
