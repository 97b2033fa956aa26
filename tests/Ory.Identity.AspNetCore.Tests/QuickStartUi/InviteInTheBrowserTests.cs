using System.Net;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>
/// The README's invite, in the QuickStart's pages: the admin API's link opened in a browser, a password set, signed in,
/// signed out, signed in again with the password — every page rendered from the flow's UI nodes.
/// </summary>
public sealed class InviteInTheBrowserTests : IDisposable
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private readonly QuickStartUiHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_invite_link_ends_signed_in_and_the_password_signs_in_again()
    {
        var id = await _host.CreateIdentityAsync("ada@example.org");
        var link = await _host.InviteLinkAsync(id);
        var invited = await _host.StoredIdentityAsync(id);
        link.Should().StartWith(QuickStartUiHost.Ui + "/self-service/recovery?flow=");
        using var browser = _host.Browser();

        // The link, opened as the admin API wrote it: the UI hands it to the public API, which signs the browser in.
        var settings = await browser.OpenAsync(link);
        browser.Visited.Select(u => u.GetLeftPart(UriPartial.Path)).Should().StartWith(
            [QuickStartUiHost.Ui + "/self-service/recovery", QuickStartUiHost.Public + "/self-service/recovery", QuickStartUiHost.Ui + "/settings"]);
        settings.Status.Should().Be(HttpStatusCode.OK);
        settings.Document.Title.Should().Be("Account settings · Ory.Identity QuickStart");
        settings.Messages.Select(m => m.Id).Should().Equal(1060001);
        settings.Form("password").GetAttribute("action").Should().StartWith(QuickStartUiHost.Public + "/self-service/settings?flow=");

        // Too short: the policy's message on the password field, which gets the focus.
        var refused = await browser.SubmitAsync(settings.Form("password"), "password", ("password", "short"));
        refused.Path.Should().Be("/settings");
        var field = refused.Document.GetElementById("password-password")!;
        field.GetAttribute("aria-invalid").Should().Be("true");
        field.HasAttribute("autofocus").Should().BeTrue();
        var message = refused.Document.GetElementById(field.GetAttribute("aria-describedby")!)!;
        message.GetAttribute("data-testid").Should().Be("ui/message/4000032");
        message.GetAttribute("role").Should().Be("alert");
        message.TextContent.Should().Be("The password must be at least 8 characters long, but got 5.");
        (await _host.StoredIdentityAsync(id)).Should().Be(invited, "a refused password stores nothing");

        // A good one: the welcome page with the session and the traits.
        var welcome = await browser.SubmitAsync(refused.Form("password"), "password", ("password", Password));
        welcome.Path.Should().Be("/welcome");
        welcome.ByTestId("ui/traits/email")!.TextContent.Should().Be("ada@example.org");
        welcome.ByTestId("ui/session/methods")!.TextContent.Should().Be("link_recovery");
        welcome.ByTestId("ui/session/id")!.TextContent.Should().MatchRegex("^[0-9a-f-]{36}$");
        (await _host.StoredIdentityAsync(id)).Should().Contain("\"hashed_password\":\"$");

        // Sign out, then a wrong password (4000006), then the right one.
        var login = await browser.OpenAsync(welcome.ByTestId("ui/logout")!.GetAttribute("href")!);
        login.Path.Should().Be("/login");
        login.Document.Title.Should().Be("Sign in · Ory.Identity QuickStart");
        (await browser.OpenAsync(QuickStartUiHost.Ui + "/welcome")).Path.Should().Be("/login", "signed out");

        var wrong = await browser.SubmitAsync(login.Form("password"), "password", ("identifier", "ada@example.org"), ("password", "not-the-password-1"));
        wrong.Path.Should().Be("/login");
        var invalid = wrong.Messages.Should().ContainSingle().Subject;
        invalid.Id.Should().Be(4000006);
        invalid.Element.GetAttribute("role").Should().Be("alert");

        var signedIn = await browser.SubmitAsync(wrong.Form("password"), "password", ("identifier", "ada@example.org"), ("password", Password));
        signedIn.Path.Should().Be("/welcome");
        signedIn.ByTestId("ui/session/methods")!.TextContent.Should().Be("password");
        signedIn.ByTestId("ui/traits/email")!.TextContent.Should().Be("ada@example.org");

        // Nothing secret in any page or log line: the password, the link's token, the session and CSRF cookies' values.
        var token = new Uri(link).Query.Split("token=")[1];
        var secrets = new[] { Password, "not-the-password-1", token };
        browser.Sources.Should().AllSatisfy(page => secrets.Should().AllSatisfy(secret => page.Should().NotContain(secret)));
        var logs = string.Join('\n', _host.Logs.Lines);
        secrets.Should().AllSatisfy(secret => logs.Should().NotContain(secret));
    }

    [Fact]
    public async Task Every_page_has_a_language_a_title_labelled_inputs_and_one_autofocus()
    {
        var id = await _host.CreateIdentityAsync("labels@example.org");
        using var browser = _host.Browser();
        var pages = new List<UiPage>
        {
            await browser.OpenAsync(await _host.InviteLinkAsync(id)),
            await browser.OpenAsync(QuickStartUiHost.Ui + "/welcome"),
            await browser.OpenAsync(QuickStartUiHost.Ui + "/logout"),
        };
        using var other = _host.Browser();
        pages.Add(await other.OpenAsync(QuickStartUiHost.Ui + "/login"));
        pages.Add(await other.OpenAsync(QuickStartUiHost.Ui + "/recovery"));
        pages.Add(await other.OpenAsync(QuickStartUiHost.Ui + "/error"));

        pages.Select(p => p.Path).Should().Equal("/settings", "/welcome", "/logout", "/login", "/recovery", "/error");
        foreach (var page in pages)
        {
            page.Document.DocumentElement.GetAttribute("lang").Should().Be("en");
            page.Document.Title.Should().EndWith(" · Ory.Identity QuickStart");
            page.Document.QuerySelectorAll("h1").Should().ContainSingle();
            var inputs = page.Document.QuerySelectorAll("input:not([type=hidden])");
            foreach (var input in inputs)
            {
                page.Document.QuerySelectorAll($"label[for=\"{input.Id}\"]").Should().ContainSingle($"{input.Id} on {page.Path} has a label");
            }

            page.Document.QuerySelectorAll("[autofocus]").Should().HaveCount(inputs.Length == 0 ? 0 : 1, page.Path);
            foreach (var button in page.Document.QuerySelectorAll("button"))
            {
                button.GetAttribute("type").Should().Be("submit");
            }
        }

        pages[0].Document.QuerySelector("button[name=method][value=password]")!.TextContent.Should().Be("Save");
        pages[3].Document.QuerySelector("button[name=method][value=password]")!.TextContent.Should().Be("Sign in with password");
        pages[4].Document.QuerySelector("input[name=email]")!.HasAttribute("autofocus").Should().BeTrue();
    }
}
