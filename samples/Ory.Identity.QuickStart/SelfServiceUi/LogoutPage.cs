namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// <c>/logout</c>: asks before signing out. The button is the <c>logout_url</c> of
/// <c>GET /self-service/logout/browser</c>, so the public API checks its logout token, revokes the session and sends
/// the browser on (<c>selfservice.flows.logout.after.default_browser_return_url</c>). Signed out already: the login page.
/// </summary>
internal static class LogoutPage
{
    /// <summary>Serves <c>/logout</c>.</summary>
    public static async Task HandleAsync(HttpContext context, PublicApiClient api)
    {
        if (await api.GetSignedInAsync(context, "/self-service/logout/browser") is not { } logout)
        {
            return;
        }

        if (logout.Text("logout_url") is not { } logoutUrl)
        {
            await ErrorPage.WriteAsync(context, logout);
            return;
        }

        await PageLayout.WriteAsync(context, "Sign out", html => html
            .Raw("<p>Do you want to sign out of this browser?</p>\n<p><a class=\"button\" data-testid=\"ui/logout\"")
            .Attribute("href", logoutUrl).Raw(">Sign out</a> <a href=\"/welcome\">Stay signed in</a></p>\n"));
    }
}
