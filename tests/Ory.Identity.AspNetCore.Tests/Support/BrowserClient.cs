using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace Ory.Identity.AspNetCore.Tests.Support;

/// <summary>A browser against the test server: keeps cookies (secure ones too, as over https), follows no redirects.</summary>
internal sealed partial class BrowserClient : IDisposable
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private readonly HttpClient _client;

    public BrowserClient(TestServer server)
    {
        _client = new HttpClient(new CookieHandler(Cookies) { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>The cookie's value; null when the browser holds none by that name.</summary>
    public string? Cookie(string name) => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>A page load (Accept: HTML).</summary>
    public Task<(HttpResponseMessage Response, JsonElement Body)> NavigateAsync(string path) => SendAsync(HttpMethod.Get, path, null, Html);

    /// <summary>An SPA's fetch (Accept: JSON).</summary>
    public Task<(HttpResponseMessage Response, JsonElement Body)> FetchAsync(string path) => SendAsync(HttpMethod.Get, path, null, "application/json");

    /// <summary>A form post, as a server-rendered page submits it.</summary>
    public Task<(HttpResponseMessage Response, JsonElement Body)> SubmitFormAsync(string path, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Html);

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, HttpContent? content, string accept)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response, body);
    }

    public void Dispose() => _client.Dispose();

    [System.Text.RegularExpressions.GeneratedRegex("; expires=[^;]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ExpiresAttribute();

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The test server speaks http; the container is asked as for https so that Secure cookies are sent too.
            var asHttps = new UriBuilder(request.RequestUri!) { Scheme = "https", Port = -1 }.Uri;
            var header = cookies.GetCookieHeader(asHttps);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    // Expires follows the server's fake clock, not this machine's; Max-Age alone decides here.
                    cookies.SetCookies(asHttps, ExpiresAttribute().Replace(value, string.Empty));
                }
            }

            return response;
        }
    }
}
