using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>What the browser's cookies say to the public API, asked over plain HTTP.</summary>
internal static class BrowserSession
{
    /// <summary><c>GET /sessions/whoami</c> with the cookies chromium holds for the public API: the status and the body.</summary>
    public static async Task<(int Status, JsonElement Body)> WhoAmIAsync(IBrowserContext context, Uri publicUrl)
    {
        var cookies = await context.CookiesAsync([publicUrl.ToString()]);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(publicUrl, "/sessions/whoami"));
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
