using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// The pages' only way to the public API, as any Kratos UI talks to Kratos: server side, over HTTP, with the browser's
/// <c>Cookie</c> header forwarded and the API's <c>Set-Cookie</c> headers passed back to the browser. Nothing is
/// logged here: the answers hold CSRF tokens, traits and logout tokens.
/// </summary>
internal sealed class PublicApiClient(HttpClient client, SelfServiceUiOptions options)
{
    /// <summary>The key of an optional keyed <see cref="HttpMessageHandler"/> that replaces the network (tests).</summary>
    public const string HandlerKey = "Ory.Identity.QuickStart.SelfServiceUi.PublicApi";

    /// <summary>The public API's base URL without a trailing slash.</summary>
    public string BaseUrl => options.PublicUrl;

    /// <summary>
    /// GETs an endpoint that needs a session (whoami, the logout URL); without one (401) the browser is sent to the
    /// login page and the answer is null.
    /// </summary>
    public async Task<PublicApiAnswer?> GetSignedInAsync(HttpContext context, string pathAndQuery)
    {
        var answer = await GetAsync(context, pathAndQuery);
        if (answer.Status != StatusCodes.Status401Unauthorized)
        {
            return answer;
        }

        context.Response.Redirect("/login");
        return null;
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> as JSON with the browser's cookies.</summary>
    public async Task<PublicApiAnswer> GetAsync(HttpContext context, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + pathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        var cookie = context.Request.Headers.Cookie.ToString();
        if (cookie.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        using var response = await client.SendAsync(request, context.RequestAborted);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                context.Response.Headers.Append("Set-Cookie", setCookie);
            }
        }

        var text = await response.Content.ReadAsStringAsync(context.RequestAborted);
        JsonElement body = default;
        try
        {
            if (text.Length > 0)
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status alone decides.
        }

        return new PublicApiAnswer((int)response.StatusCode, body);
    }
}
