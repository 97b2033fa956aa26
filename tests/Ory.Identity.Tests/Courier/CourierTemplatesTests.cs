using Microsoft.Extensions.Options;
using Ory.Identity.Tests.Recovery;

namespace Ory.Identity.Tests.Courier;

/// <summary>courier.templates: loading inline, file:// and base64:// values, start failures, and the messages rendered with them.</summary>
public sealed class CourierTemplatesTests
{
    private static RecoveryMessage Invite() => new()
    {
        TemplateType = RecoveryTemplateType.Invite,
        Recipient = "ada@example.com",
        RecoveryUrl = "http://x/self-service/recovery?flow=f&token=t",
        ExpiresInMinutes = 60,
        FlowId = Guid.NewGuid(),
        RequestUrl = "http://x/admin/invitations",
    };

    private static CourierTemplates Create(Action<CourierTemplatesOptions> configure)
    {
        var options = new OryIdentityOptions();
        configure(options.Courier.Templates);
        CourierTemplates.TryCreate(options, out var templates, out var errors).Should().BeTrue(string.Join(" ", errors));
        return templates;
    }

    private static List<string> Errors(Action<CourierTemplatesOptions> configure)
    {
        var options = new OryIdentityOptions();
        configure(options.Courier.Templates);
        CourierTemplates.TryCreate(options, out _, out var errors).Should().BeFalse();
        return errors;
    }

    [Fact]
    public void Inline_base64_and_file_values_are_the_subject_and_bodies()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "<p>{{ .RecoveryURL }}</p>");
            var templates = Create(t =>
            {
                t.Invite.Email.Subject = "Welcome,\n{{ .To }}\n";
                t.Invite.Email.Body.Plaintext = "base64://" + Convert.ToBase64String("Open {{ .RecoveryURL }}"u8.ToArray());
                t.Invite.Email.Body.Html = "file://" + file;
            });

            var message = templates.Render(Invite(), null);

            message.Subject.Should().Be("Welcome, ada@example.com");
            message.Body.Should().Be("Open http://x/self-service/recovery?flow=f&token=t");
            message.HtmlBody.Should().Be("<p>http://x/self-service/recovery?flow=f&amp;token=t</p>");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void What_is_not_configured_keeps_the_built_in_text()
    {
        var templates = Create(t => t.Invite.Email.Body.Html = "<p>hi</p>");
        var invite = Invite();

        var message = templates.Render(invite, null);

        message.Subject.Should().Be("You are invited: set up your account");
        message.Body.Should().Be(invite.Body);
        message.HtmlBody.Should().Be("<p>hi</p>");
        templates.Render(invite with { TemplateType = RecoveryTemplateType.RecoveryValid }, null).Subject.Should().Be("Recover access to your account");
    }

    [Fact]
    public void Each_kratos_key_configures_its_own_template()
    {
        var templates = Create(t =>
        {
            t.Recovery.Valid.Email.Subject = "link";
            t.Recovery.Invalid.Email.Subject = "link-unknown";
            t.RecoveryCode.Valid.Email.Subject = "code {{ .RecoveryCode }}";
            t.RecoveryCode.Invalid.Email.Subject = "code-unknown";
            t.Invite.Email.Subject = "invite";
        });
        var message = Invite() with { RecoveryCode = "123456" };

        var subjects = Enum.GetValues<RecoveryTemplateType>().Select(type => templates.Render(message with { TemplateType = type }, null).Subject);

        subjects.Should().Equal("link", "link-unknown", "code 123456", "code-unknown", "invite");
    }

    [Fact]
    public void Every_bad_value_is_reported_with_its_key()
    {
        var errors = Errors(t =>
        {
            t.Recovery.Valid.Email.Body.Plaintext = "{{ .RecoveryCode }}";
            t.RecoveryCode.Invalid.Email.Subject = "base64://%%%";
            t.Invite.Email.Body.Html = "file:///nonexistent/invite.html";
            t.Invite.Email.Subject = "https://example.com/subject.gotmpl";
        });

        errors.Should().Equal(
            "courier.templates.recovery.valid.email.body.plaintext is not a valid template: line 1: unknown field \".RecoveryCode\": this template has .To, .RecoveryURL, .ExpiresInMinutes, .RequestURL, .Identity.",
            "courier.templates.recovery_code.invalid.email.subject is not valid base64 after \"base64://\".",
            "courier.templates.invite.email.subject: remote templates are not supported; use the template text, a file:// or a base64:// URL.",
            "courier.templates.invite.email.body.html: the file \"/nonexistent/invite.html\" cannot be read (DirectoryNotFoundException).");
    }

    [Fact]
    public void A_malformed_template_fails_the_start_with_its_key()
    {
        var start = () => RecoveryTestHost.Create(o => o.Courier.Templates.Invite.Email.Body.Plaintext = "Hi {{ .Name }}").Dispose();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(
            "courier.templates.invite.email.body.plaintext is not a valid template: line 1: unknown field \".Name\"");
    }

    [Fact]
    public async Task Self_service_recovery_sends_the_configured_recovery_template()
    {
        using var host = RecoveryTestHost.Create(o =>
        {
            o.SelfService.Flows.Recovery.Enabled = true;
            o.SelfService.Flows.Recovery.Use = "link";
            o.Courier.Templates.Recovery.Valid.Email.Subject = "Recover {{ .Identity.traits.email }}";
            o.Courier.Templates.Recovery.Valid.Email.Body.Html = "<a href=\"{{ .RecoveryURL }}\">go</a> within {{ .ExpiresInMinutes }} minutes";
        });
        await host.CreateFooAsync();
        var flow = await host.SelfService().CreateFlowAsync();

        await host.SelfService().SubmitAddressAsync(flow.Id, "foo@ory.sh");

        var message = host.Outbox().Messages.Should().ContainSingle().Subject;
        message.Subject.Should().Be("Recover foo@ory.sh");
        message.HtmlBody.Should().Be($"<a href=\"{message.RecoveryUrl!.Replace("&", "&amp;", StringComparison.Ordinal)}\">go</a> within 60 minutes");
        message.Body.Should().StartWith("Hi,\n\nplease recover access");
    }
}
