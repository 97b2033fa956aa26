using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Ory.Identity.AspNetCore.Tests.QuickStartUi;

/// <summary>
/// A browser for the QuickStart's pages: one cookie jar for every port of 127.0.0.1 (cookies ignore ports), redirects
/// followed as a browser does (303 and 302 become GET), forms submitted as a browser submits them (every named input,
/// and the pressed button's name and value).
/// </summary>
internal sealed class UiBrowser(HttpMessageHandler server) : IDisposable
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private readonly HttpClient _client = new(new CookieJar(new CookieContainer()) { InnerHandler = server });

    /// <summary>Every URL the browser requested, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>Every page source the browser received.</summary>
    public List<string> Sources { get; } = [];

    /// <summary>Opens <paramref name="url"/> and follows its redirects.</summary>
    public Task<UiPage> OpenAsync(string url) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>
    /// Submits <paramref name="form"/> with its inputs' values, <paramref name="fields"/> typed over them, and the submit
    /// button whose <c>value</c> is <paramref name="button"/> (the first one when null).
    /// </summary>
    public Task<UiPage> SubmitAsync(IHtmlFormElement form, string? button = null, params (string Name, string Value)[] fields)
    {
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type != "checkbox" || i.IsChecked)
            .Select(i => (Name: i.Name!, Value: fields.FirstOrDefault(f => f.Name == i.Name).Value ?? i.Value))
            .ToList();
        values.AddRange(fields.Where(f => values.All(v => v.Name != f.Name)));
        var pressed = form.QuerySelectorAll("button[type=submit]").OfType<IHtmlButtonElement>()
            .First(b => button is null || b.Value == button);
        values.Add((pressed.Name!, pressed.Value));
        return PostAsync(form.GetAttribute("action")!, values);
    }

    /// <summary>Posts a form body to <paramref name="action"/>, as a page on any origin can make a browser do.</summary>
    public Task<UiPage> PostAsync(string action, IEnumerable<(string Name, string Value)> values) =>
        FollowAsync(new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))),
        });

    private async Task<UiPage> FollowAsync(HttpRequestMessage request)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            request.Headers.TryAddWithoutValidation("Accept", Html);
            Visited.Add(request.RequestUri!);
            using var response = await _client.SendAsync(request);
            var url = request.RequestUri!;
            request.Dispose();
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, location));
                continue;
            }

            var source = await response.Content.ReadAsStringAsync();
            Sources.Add(source);
            return new UiPage(url, response.StatusCode, source, new HtmlParser().ParseDocument(source));
        }

        throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", Visited.TakeLast(20)));
    }

    public void Dispose() => _client.Dispose();

    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(request.RequestUri!, value);
                }
            }

            return response;
        }
    }
}
