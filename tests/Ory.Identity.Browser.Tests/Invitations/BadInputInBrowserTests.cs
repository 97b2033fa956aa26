using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ory.Identity.Browser.Tests.Support;

namespace Ory.Identity.Browser.Tests.Invitations;

/// <summary>
/// What a browser sees when an invite is misused — the link opened twice, a tampered CSRF token or flow id, a form
/// submitted twice — and that nothing is stored for it (in memory; the SQLite run of the invite covers the storage).
/// </summary>
public sealed class BadInputInBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Email = "alan@example.org";
    private const string GoodPassword = "correct-horse-battery-staple-9";

    [BrowserTheory]
    [InlineData("inmemory")]
    public async Task An_invite_link_opened_a_second_time_shows_4060004_and_signs_nobody_in(string storage)
    {
        using var server = QuickStartServer.Start(storage);
        var id = await server.CreateIdentityAsync(Email);
        var link = await server.CreateRecoveryLinkAsync(id, "1h");
        await using var first = await chromium.NewContextAsync();
        await (await first.NewPageAsync()).GotoAsync(link);
        (await BrowserSession.WhoAmIAsync(first, server.PublicUrl)).Status.Should().Be(200);

        await using var second = await chromium.NewContextAsync();
        var page = await second.NewPageAsync();
        await page.GotoAsync(link);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(server.UiUrl.ToString())}recovery\\?flow="));
        await Assertions.Expect(page.GetByTestId("ui/message/4060004")).ToBeVisibleAsync();
        await new Screenshots("link-used-twice", storage).TakeAsync(page, "used");
        (await BrowserSession.WhoAmIAsync(second, server.PublicUrl)).Status.Should().Be(401);
        (await server.ActiveSessionCountAsync(id)).Should().Be(1, "only the first opening signed in");
    }

    [BrowserTheory]
    [InlineData("inmemory")]
    public async Task A_tampered_csrf_token_is_refused_with_kratos_csrf_error_and_stores_no_password(string storage)
    {
        using var server = QuickStartServer.Start(storage);
        await using var context = await chromium.NewContextAsync();
        var (id, page) = await OpenInviteAsync(server, context);
        var form = page.GetByTestId("ui/form/password");
        await form.Locator("input[name=csrf_token]").EvaluateAsync("input => input.value = input.value.split('').reverse().join('')");
        await UiForms.SetPasswordAsync(page, GoodPassword);

        await Assertions.Expect(page).ToHaveURLAsync(ErrorPage(server));
        await Assertions.Expect(page.GetByTestId("ui/error/id")).ToHaveTextAsync("security_csrf_violation");
        await Assertions.Expect(page.GetByTestId("ui/error/code")).ToHaveTextAsync("403");
        await Assertions.Expect(page.GetByTestId("ui/error/reason")).ToContainTextAsync("Cross-Site-Request-Forgery");
        await new Screenshots("tampered-csrf", storage).TakeAsync(page, "refused");
        await Accessibility.ShouldHaveNoSeriousViolationsAsync(page);
        (await server.PasswordHashAsync(id)).Should().BeNull();
    }

    [BrowserTheory]
    [InlineData("inmemory")]
    public async Task A_tampered_flow_id_in_the_form_is_refused_and_stores_no_password(string storage)
    {
        using var server = QuickStartServer.Start(storage);
        await using var context = await chromium.NewContextAsync();
        var (id, page) = await OpenInviteAsync(server, context);
        var form = page.GetByTestId("ui/form/password");
        await form.EvaluateAsync("(form, flow) => form.action = form.action.replace(/flow=[^&]+/, 'flow=' + flow)", Guid.NewGuid().ToString());
        await UiForms.SetPasswordAsync(page, GoodPassword);

        await Assertions.Expect(page).ToHaveURLAsync(ErrorPage(server));
        await Assertions.Expect(page.GetByTestId("ui/error/code")).ToHaveTextAsync("404");
        await Assertions.Expect(page.GetByTestId("ui/error/reason")).ToHaveTextAsync("The settings request could not be found. Please restart the flow.");
        await new Screenshots("tampered-flow", storage).TakeAsync(page, "refused");
        (await server.PasswordHashAsync(id)).Should().BeNull();
    }

    [BrowserTheory]
    [InlineData("inmemory")]
    public async Task A_password_form_submitted_twice_stores_the_password_once(string storage)
    {
        using var server = QuickStartServer.Start(storage);
        await using var context = await chromium.NewContextAsync();
        var (id, page) = await OpenInviteAsync(server, context);
        await UiForms.SetPasswordAsync(page, GoodPassword);
        await Assertions.Expect(page.GetByTestId("ui/traits/email")).ToHaveTextAsync(Email);
        var hash = await server.PasswordHashAsync(id);

        await page.GoBackAsync();
        await UiForms.SetPasswordAsync(page, GoodPassword);

        await Assertions.Expect(page.GetByTestId("ui/message/4000039")).ToBeVisibleAsync();
        await new Screenshots("submitted-twice", storage).TakeAsync(page, "second");
        (await server.PasswordHashAsync(id)).Should().Be(hash, "the second submission stores nothing");
    }

    // Kratos sends a browser whose form post failed to the error UI with the error's id.
    private static Regex ErrorPage(QuickStartServer server) => new($"^{Regex.Escape(server.UiUrl.ToString())}error\\?id=[0-9a-f-]+$");

    // Creates an identity and opens its invite link in the context; returns the identity and the settings page.
    private static async Task<(Guid Id, IPage Page)> OpenInviteAsync(QuickStartServer server, IBrowserContext context)
    {
        var id = await server.CreateIdentityAsync(Email);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await server.CreateRecoveryLinkAsync(id, "1h"));
        await Assertions.Expect(page.GetByTestId("ui/form/password")).ToBeVisibleAsync();
        return (id, page);
    }
}
