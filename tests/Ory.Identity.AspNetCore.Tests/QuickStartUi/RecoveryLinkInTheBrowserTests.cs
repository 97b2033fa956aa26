using NodaTime;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>An expired or used invite link ends on the recovery page with Kratos's message and a form for a new code.</summary>
public sealed class RecoveryLinkInTheBrowserTests : IDisposable
{
    private readonly QuickStartUiHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_expired_link_shows_4060005_and_a_form_that_sends_a_new_code_which_signs_in()
    {
        var id = await _host.CreateIdentityAsync("late@example.org");
        var link = await _host.InviteLinkAsync(id, "1h");
        _host.Clock.Advance(Duration.FromMinutes(61));
        using var browser = _host.Browser();

        var page = await browser.OpenAsync(link);

        page.Path.Should().Be("/recovery");
        page.Document.Title.Should().Be("Recover your account · Ory.Identity QuickStart");
        var expired = page.Messages.Should().ContainSingle().Subject;
        expired.Id.Should().Be(4060005);
        expired.Text.Should().Be("The recovery flow expired 1.00 minutes ago, please try again.");
        expired.Element.GetAttribute("role").Should().Be("alert");
        (await _host.SessionCountAsync(id)).Should().Be(0);

        var sent = await browser.SubmitAsync(page.Form("code"), "code", ("email", "late@example.org"));
        sent.Path.Should().Be("/recovery", sent.Html);
        sent.Messages.Select(m => m.Id).Should().Contain(1060003, sent.Html);
        sent.Document.QuerySelector("input[name=code]").Should().NotBeNull("the page now asks for the code");
        _host.Outbox.Messages.Should().ContainSingle().Which.Recipient.Should().Be("late@example.org");
        var code = _host.Outbox.Messages.Single().RecoveryCode!;

        var wrong = await browser.SubmitAsync(sent.Form("code"), "code", ("code", code == "000000" ? "111111" : "000000"));
        wrong.Path.Should().Be("/recovery");
        wrong.Messages.Select(m => m.Id).Should().Equal(4060006);
        (await _host.SessionCountAsync(id)).Should().Be(0);

        var recovered = await browser.SubmitAsync(wrong.Form("code"), "code", ("code", code));
        recovered.Path.Should().Be("/settings");
        (await _host.SessionCountAsync(id)).Should().Be(1);
        browser.Sources.Should().AllSatisfy(s => s.Should().NotContain(code));
    }

    [Fact]
    public async Task A_used_link_shows_4060004_and_signs_in_nobody()
    {
        var id = await _host.CreateIdentityAsync("twice@example.org");
        var link = await _host.InviteLinkAsync(id);
        using (var first = _host.Browser())
        {
            (await first.OpenAsync(link)).Path.Should().Be("/settings");
        }

        using var second = _host.Browser();
        var page = await second.OpenAsync(link);

        page.Path.Should().Be("/recovery");
        page.Messages.Select(m => m.Id).Should().Equal(4060004);
        (await _host.SessionCountAsync(id)).Should().Be(1, "only the first opening signed in");
        (await second.OpenAsync(QuickStartUiHost.Ui + "/welcome")).Path.Should().Be("/login");
    }
}
