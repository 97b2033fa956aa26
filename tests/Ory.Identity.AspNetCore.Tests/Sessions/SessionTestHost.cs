using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>Signs identities in on an <see cref="HttpTestHost"/> and sends requests carrying their sessions.</summary>
internal static class SessionTestHost
{
    public const string LogoutReturnUrl = "http://127.0.0.1:4455/login";

    /// <summary>A host with the quickstart's return URLs: allowed <c>http://127.0.0.1:4455/</c>, logout to its login page.</summary>
    public static Task<HttpTestHost> StartAsync(Action<OryIdentityOptions>? configure = null) =>
        HttpTestHost.StartAsync(o =>
        {
            o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/"];
            o.SelfService.DefaultBrowserReturnUrl = "http://127.0.0.1:4455/welcome";
            o.SelfService.Flows.Logout.After.DefaultBrowserReturnUrl = LogoutReturnUrl;
            configure?.Invoke(o);
        });

    public static ISessionManager Sessions(this HttpTestHost host) => host.Services.GetRequiredService<ISessionManager>();

    /// <summary>Creates an identity and issues it a password session.</summary>
    public static async Task<IssuedSession> SignInAsync(this HttpTestHost host, string email = "foo@example.com")
    {
        var identity = await host.CreateIdentityAsync(email);
        return await host.Sessions().IssueAsync(identity, SessionAuthenticationMethods.Password);
    }

    /// <summary>Issues another session to an identity.</summary>
    public static Task<IssuedSession> SignInAgainAsync(this HttpTestHost host, Guid identityId) =>
        host.Sessions().IssueAsync(identityId, SessionAuthenticationMethods.Password);

    /// <summary>The session cookie's value for an issued session.</summary>
    public static string CookieValue(this HttpTestHost host, IssuedSession issued) =>
        host.Services.GetRequiredService<SessionCookie>().Protect(issued.Token, issued.Session.ExpiresAt);

    /// <summary>Sends a request with the given headers (name, value) and returns the response and its JSON body.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendWithAsync(
        this HttpTestHost host, HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static (string, string) Token(IssuedSession issued) => ("X-Session-Token", issued.Token);

    public static (string, string) Bearer(string token) => ("Authorization", "Bearer " + token);

    public static (string, string) Cookie(string name, string value) => ("Cookie", $"{name}={value}");

    public static (string, string) SessionCookie(this HttpTestHost host, IssuedSession issued) => Cookie("ory_kratos_session", host.CookieValue(issued));

    public static (string, string) AcceptJson => ("Accept", "application/json");

    /// <summary>The <c>Set-Cookie</c> header for a cookie name, parsed; null when none.</summary>
    public static SetCookieHeaderValue? SetCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).LastOrDefault(c => c.Name.Equals(name, StringComparison.Ordinal))
            : null;

    public static StringContent FormContent() => new(string.Empty, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
}
