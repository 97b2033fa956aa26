using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// The signed-in page (<c>selfservice.default_browser_return_url</c>): the session from <c>GET /sessions/whoami</c>
/// (id, authenticated_at, expires_at, methods) and the identity's traits, with links to settings and to sign out.
/// Without a session the browser is sent to the login page.
/// </summary>
internal static class WelcomePage
{
    /// <summary>Serves <c>/welcome</c>.</summary>
    public static async Task HandleAsync(HttpContext context, PublicApiClient api)
    {
        if (await api.GetSignedInAsync(context, "/sessions/whoami") is not { } whoami)
        {
            return;
        }

        if (!whoami.IsSuccess || whoami.Body.ValueKind != JsonValueKind.Object)
        {
            await ErrorPage.WriteAsync(context, whoami);
            return;
        }

        var logout = await api.GetAsync(context, "/self-service/logout/browser");
        var session = whoami.Body;
        await PageLayout.WriteAsync(context, "Welcome", html =>
        {
            html.Raw("<p>You are signed in.</p>\n<h2>Session</h2>\n<dl>\n");
            Row(html, "Session id", "ui/session/id", Text(session, "id"));
            Row(html, "Authenticated at", "ui/session/authenticated_at", Text(session, "authenticated_at"));
            Row(html, "Expires at", "ui/session/expires_at", Text(session, "expires_at"));
            Row(html, "Assurance level", "ui/session/aal", Text(session, "authenticator_assurance_level"));
            var methods = session.TryGetProperty("authentication_methods", out var list) && list.ValueKind == JsonValueKind.Array
                ? string.Join(", ", list.EnumerateArray().Select(m => Text(m, "method")).Where(m => m is not null))
                : string.Empty;
            Row(html, "Methods", "ui/session/methods", methods);
            html.Raw("</dl>\n<h2>Traits</h2>\n<dl>\n");
            if (session.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object
                && identity.TryGetProperty("traits", out var traits))
            {
                foreach (var (path, value) in Flatten(traits, string.Empty))
                {
                    Row(html, path, "ui/traits/" + path, value);
                }
            }

            html.Raw("</dl>\n<p><a class=\"button\" href=\"/settings\" data-testid=\"ui/settings\">Account settings</a>");
            if (logout.Text("logout_url") is { } logoutUrl)
            {
                html.Raw("<a class=\"button\" data-testid=\"ui/logout\"").Attribute("href", logoutUrl).Raw(">Sign out</a>");
            }

            html.Raw("</p>\n");
        });
    }

    private static void Row(Html html, string label, string testId, string? value) =>
        html.Raw("<dt>").Text(label).Raw("</dt><dd").Attribute("data-testid", testId).Raw(">").Text(value).Raw("</dd>\n");

    // Nested traits become dotted paths (name.first), arrays index them (emails.0), as the traits' form nodes name them.
    private static IEnumerable<(string Path, string Value)> Flatten(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => Flatten(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}")),
        JsonValueKind.Array => value.EnumerateArray().SelectMany((item, i) => Flatten(item, $"{path}.{i}")),
        JsonValueKind.String => [(path, value.GetString()!)],
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [(path, value.GetRawText())],
    };

    private static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
