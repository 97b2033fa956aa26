using System.Net;
using NodaTime;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>
/// Bad input through the pages: tampered CSRF tokens and flow ids, forms from another origin, forms submitted twice or
/// late, and a foreign <c>return_to</c>. Each ends on a page with Kratos's message and stores nothing.
/// </summary>
public sealed class BadInputInTheBrowserTests : IDisposable
{
    private const string Password = "a-long-and-unusual-passphrase-77";
    private readonly QuickStartUiHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>An invited identity with <see cref="Password"/> set through the pages, signed out.</summary>
    private async Task<Guid> InvitedWithPasswordAsync(string email)
    {
        var id = await _host.CreateIdentityAsync(email);
        using var browser = _host.Browser();
        var settings = await browser.OpenAsync(await _host.InviteLinkAsync(id));
        (await browser.SubmitAsync(settings.Form("password"), "password", ("password", Password))).Path.Should().Be("/welcome");
        return id;
    }

    private static void ShouldBeTheErrorPage(UiPage page, string errorId)
    {
        page.Path.Should().Be("/error");
        page.Document.Title.Should().Be("Something went wrong · Ory.Identity QuickStart");
        page.ByTestId("ui/error/id")!.TextContent.Should().Be(errorId);
        page.ByTestId("ui/error/message")!.ParentElement!.GetAttribute("role").Should().Be("alert");
        page.Html.Should().NotContain("   at ", "never a stack trace");
    }

    [Fact]
    public async Task A_tampered_csrf_token_ends_on_the_error_page_and_changes_no_password()
    {
        var id = await _host.CreateIdentityAsync("tamper@example.org");
        using var browser = _host.Browser();
        var settings = await browser.OpenAsync(await _host.InviteLinkAsync(id));
        var before = await _host.StoredIdentityAsync(id);

        var page = await browser.SubmitAsync(settings.Form("password"), "password", ("password", Password), ("csrf_token", Convert.ToBase64String(new byte[64])));

        ShouldBeTheErrorPage(page, "security_csrf_violation");
        page.ByTestId("ui/error/code")!.TextContent.Should().Be("403");
        (await _host.StoredIdentityAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_login_form_posted_from_another_origin_is_refused_and_signs_in_nobody()
    {
        var id = await InvitedWithPasswordAsync("origin@example.org");
        using var victim = _host.Browser();
        var login = await victim.OpenAsync(QuickStartUiHost.Ui + "/login");
        var form = login.Form("password");

        // Another site's page posts the same fields; the browser sends no SameSite=Lax cookies with a cross-site POST.
        using var attacker = _host.Browser();
        var page = await attacker.PostAsync(form.GetAttribute("action")!, [
            ("csrf_token", form.QuerySelector("input[name=csrf_token]")!.GetAttribute("value")!),
            ("identifier", "origin@example.org"), ("password", Password), ("method", "password")]);

        ShouldBeTheErrorPage(page, "security_csrf_violation");
        (await _host.SessionCountAsync(id)).Should().Be(1, "only the invite's session");
    }

    [Fact]
    public async Task A_tampered_flow_id_in_the_form_ends_on_the_error_page_and_signs_in_nobody()
    {
        var id = await InvitedWithPasswordAsync("flow@example.org");
        using var browser = _host.Browser();
        var login = await browser.OpenAsync(QuickStartUiHost.Ui + "/login");
        var form = login.Form("password");
        form.SetAttribute("action", $"{QuickStartUiHost.Public}/self-service/login?flow={Guid.NewGuid()}");

        var page = await browser.SubmitAsync(form, "password", ("identifier", "flow@example.org"), ("password", Password));

        page.Path.Should().Be("/error");
        page.ByTestId("ui/error/code")!.TextContent.Should().Be("404");
        (await _host.SessionCountAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task A_tampered_flow_id_in_the_address_starts_a_new_flow()
    {
        using var browser = _host.Browser();
        var tampered = Guid.NewGuid();

        var page = await browser.OpenAsync($"{QuickStartUiHost.Ui}/login?flow={tampered}");

        page.Path.Should().Be("/login");
        page.Url.Query.Should().StartWith("?flow=").And.NotContain(tampered.ToString());
        page.Form("password").Should().NotBeNull();
    }

    [Fact]
    public async Task A_login_form_submitted_twice_signs_in_once()
    {
        var id = await InvitedWithPasswordAsync("double@example.org");
        using var browser = _host.Browser();
        var form = (await browser.OpenAsync(QuickStartUiHost.Ui + "/login")).Form("password");

        var first = await browser.SubmitAsync(form, "password", ("identifier", "double@example.org"), ("password", Password));
        var second = await browser.SubmitAsync(form, "password", ("identifier", "double@example.org"), ("password", Password));

        first.Path.Should().Be("/welcome");
        second.Path.Should().Be("/welcome");
        second.ByTestId("ui/session/id")!.TextContent.Should().Be(first.ByTestId("ui/session/id")!.TextContent);
        (await _host.SessionCountAsync(id)).Should().Be(2, "the invite's session and one login");
    }

    [Fact]
    public async Task A_login_form_submitted_after_the_flow_expired_shows_4010001_and_signs_in_nobody()
    {
        var id = await InvitedWithPasswordAsync("slow@example.org");
        using var browser = _host.Browser();
        var form = (await browser.OpenAsync(QuickStartUiHost.Ui + "/login")).Form("password");
        _host.Clock.Advance(Duration.FromMinutes(11));

        var page = await browser.SubmitAsync(form, "password", ("identifier", "slow@example.org"), ("password", Password));

        page.Path.Should().Be("/login");
        page.Messages.Select(m => m.Id).Should().Equal(4010001);
        page.Form("password").GetAttribute("action").Should().NotBe(form.GetAttribute("action"), "a new flow");
        (await _host.SessionCountAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task A_return_to_outside_the_allowed_urls_is_refused()
    {
        using var browser = _host.Browser();

        var page = await browser.OpenAsync(QuickStartUiHost.Ui + "/login?return_to=" + Uri.EscapeDataString("https://evil.test/"));

        ShouldBeTheErrorPage(page, "self_service_flow_return_to_forbidden");
        page.ByTestId("ui/error/reason")!.TextContent.Should().Be("Requested return_to URL \"https://evil.test/\" is not allowed.");
        browser.Visited.Should().NotContain(u => u.Host == "evil.test");
    }

    [Fact]
    public async Task Signed_out_pages_send_the_browser_to_login_and_the_root_to_welcome()
    {
        using var browser = _host.Browser();

        (await browser.OpenAsync(QuickStartUiHost.Ui + "/")).Path.Should().Be("/login");
        browser.Visited.Select(u => u.AbsolutePath).Should().StartWith(["/", "/welcome", "/login", "/self-service/login/browser", "/login"]);
        (await browser.OpenAsync(QuickStartUiHost.Ui + "/logout")).Path.Should().Be("/login");
        var settings = await browser.OpenAsync(QuickStartUiHost.Ui + "/settings");
        settings.Path.Should().Be("/login");
        settings.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_pages_answer_only_on_the_ui_port()
    {
        using var browser = _host.Browser();

        (await browser.OpenAsync(QuickStartUiHost.Public + "/welcome")).Status.Should().Be(HttpStatusCode.NotFound);
        (await browser.OpenAsync(QuickStartUiHost.Admin + "/login")).Status.Should().Be(HttpStatusCode.NotFound);
        (await browser.OpenAsync(QuickStartUiHost.Ui + "/sessions/whoami")).Status.Should().Be(HttpStatusCode.NotFound);
        (await browser.OpenAsync(QuickStartUiHost.Ui + "/admin/identities")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
