using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Courier.Smtp.Tests.Support;
using Ory.Identity.Browser.Tests.Support;

namespace Ory.Identity.Browser.Tests.Invitations;

/// <summary>
/// The invite as a person lives it, in Debian's chromium against the QuickStart (admin API, public API and its
/// self-service UI on free ports), on SQLite (the QuickStart's default) and in memory: the invite arrives by SMTP, the
/// link opens the settings page, the password policy speaks, the person signs out and in again.
/// </summary>
public sealed class InviteInBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string GoodPassword = "correct-horse-battery-staple-9";

    [BrowserTheory(sendsMail: true)]
    [InlineData("sqlite")]
    [InlineData("inmemory")]
    public async Task An_invited_person_sets_a_password_from_the_mailed_link_signs_out_and_signs_in_again(string storage)
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        using var server = QuickStartServer.Start(storage, new Dictionary<string, string>
        {
            ["Ory:courier:smtp:connection_uri"] = $"smtp://127.0.0.1:{smtp.Port}/?disable_starttls=true",
        });
        const string email = "ada@example.org";
        var id = await server.CreateIdentityAsync(email);
        var sentLink = await server.SendInviteAsync(id);

        var mail = (await smtp.WaitForMailAsync(1, TimeSpan.FromSeconds(15))).Single();
        mail.Recipients.Should().Equal(email);
        var link = RecoveryLink(server.UiUrl).Match(mail.Message.TextBody ?? string.Empty);
        link.Success.Should().BeTrue("the invite's text carries the link to the UI's origin");
        link.Value.Should().Be(sentLink, "the mail carries the link the admin API answered with");

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var shots = new Screenshots("invite", storage);

        // The link signs the person in and lands on the settings page.
        await page.GotoAsync(link.Value);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(server.UiUrl.ToString())}settings\\?flow="));
        await Assertions.Expect(page.GetByTestId("ui/message/1060001")).ToBeVisibleAsync();
        await StepAsync(shots, page, "settings");

        // Too short: the policy's message on the password field, and no password is stored.
        await UiForms.SetPasswordAsync(page, "short");
        await Assertions.Expect(page.GetByTestId("ui/message/4000032")).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain("value=\"short\"", "a refused password is never echoed");
        (await server.PasswordHashAsync(id)).Should().BeNull();
        await StepAsync(shots, page, "password-too-short", docsName: "invite-password-too-short");

        // A good one: the welcome page shows the person's email.
        await UiForms.SetPasswordAsync(page, GoodPassword);
        await Assertions.Expect(page.GetByTestId("ui/traits/email")).ToHaveTextAsync(email);
        (await server.PasswordHashAsync(id)).Should().NotBeNull();
        await StepAsync(shots, page, "welcome", docsName: "invite-welcome");

        // Sign out: the session ends, the login page follows.
        await page.GetByTestId("ui/logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(server.UiUrl.ToString())}login\\?flow="));
        (await BrowserSession.WhoAmIAsync(context, server.PublicUrl)).Status.Should().Be(401);
        await StepAsync(shots, page, "signed-out");

        // A wrong password: Kratos's 4000006, and no session is issued.
        await UiForms.SignInAsync(page, email, GoodPassword + "-wrong");
        await Assertions.Expect(page.GetByTestId("ui/message/4000006")).ToBeVisibleAsync();
        (await server.ActiveSessionCountAsync(id)).Should().Be(0);
        await StepAsync(shots, page, "wrong-password");

        // The right one: signed in, and whoami over plain HTTP with the browser's cookies shows the session.
        await UiForms.SignInAsync(page, email, GoodPassword);
        await Assertions.Expect(page.GetByTestId("ui/traits/email")).ToHaveTextAsync(email);
        await StepAsync(shots, page, "signed-in");

        var (status, whoami) = await BrowserSession.WhoAmIAsync(context, server.PublicUrl);
        status.Should().Be(200);
        whoami.GetProperty("active").GetBoolean().Should().BeTrue();
        whoami.GetProperty("identity").GetProperty("id").GetGuid().Should().Be(id);
        whoami.GetProperty("identity").GetProperty("traits").GetProperty("email").GetString().Should().Be(email);
        whoami.GetProperty("authentication_methods").EnumerateArray().Select(m => m.GetProperty("method").GetString())
            .Should().Equal("password");
        (await page.GetByTestId("ui/session/id").InnerTextAsync()).Should().Be(whoami.GetProperty("id").GetString());
        smtp.ReceivedCount.Should().Be(1, "one invite call sends one message");
    }

    [BrowserTheory]
    [InlineData("sqlite")]
    [InlineData("inmemory")]
    public async Task An_expired_invite_link_shows_the_expired_message_and_a_form_to_request_a_new_link(string storage)
    {
        var clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
        using var server = QuickStartServer.Start(storage, clock: clock);
        const string email = "grace@example.org";
        var id = await server.CreateIdentityAsync(email);
        var link = await server.CreateRecoveryLinkAsync(id, "1h");
        clock.Advance(Duration.FromMinutes(61));

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var shots = new Screenshots("expired-invite", storage);
        await page.GotoAsync(link);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(server.UiUrl.ToString())}recovery\\?flow="));
        await Assertions.Expect(page.GetByTestId("ui/message/4060005")).ToHaveTextAsync("The recovery flow expired 1.00 minutes ago, please try again.");
        await Assertions.Expect(page.Locator("input[name=email]")).ToBeVisibleAsync();
        await StepAsync(shots, page, "expired", docsName: "invite-expired");

        (await BrowserSession.WhoAmIAsync(context, server.PublicUrl)).Status.Should().Be(401, "an expired link signs nobody in");
        (await server.ActiveSessionCountAsync(id)).Should().Be(0);
        (await server.PasswordHashAsync(id)).Should().BeNull();
    }

    // Each step: a screenshot, and axe-core finds no serious or critical accessibility violation on the page.
    private static async Task StepAsync(Screenshots shots, IPage page, string step, string? docsName = null)
    {
        await shots.TakeAsync(page, step, docsName);
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
    }

    private static Regex RecoveryLink(Uri ui) =>
        new($"{Regex.Escape(ui.ToString())}self-service/recovery\\?flow=[0-9a-f-]+&token=[A-Za-z0-9]+");
}
