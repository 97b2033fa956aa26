using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;
using Ory.Identity.Tests.Support;
using static Ory.Identity.AspNetCore.Tests.Sessions.SessionTestHost;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>Session tokens, cookies, logout tokens and CSRF tokens never reach a log, at Trace, Debug or Information.</summary>
public sealed class SessionSecretsNeverReachLogsTests
{
    [Theory]
    [InlineData(LogLevel.Trace)]
    [InlineData(LogLevel.Debug)]
    [InlineData(LogLevel.Information)]
    public async Task Session_flows_leave_no_token_cookie_or_csrf_value_in_any_log(LogLevel level)
    {
        await using var host = await HttpTestHost.StartAsync(
            o => o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/"],
            services: s =>
            {
                s.AddLogging(logging => logging.SetMinimumLevel(level).AddFilter<CapturingLoggerProvider>(null, level));
                s.AddAuthentication().AddOrySession();
                s.AddAuthorization();
            });
        var issued = await host.SignInAsync();
        var other = await host.SignInAgainAsync(issued.Session.IdentityId);
        var cookie = host.CookieValue(issued);
        var csrf = host.Services.GetRequiredService<CsrfProtection>();

        var (whoami, _) = await host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, Token(issued));
        await host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, Cookie("ory_kratos_session", cookie));
        await host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, Bearer(other.Token));
        await host.SendWithAsync(HttpMethod.Get, "/sessions/whoami", null, ("X-Session-Token", "ory_st_wrongwrongwrongwrongwrongwrongwrongwrongw"));
        var (_, logout) = await host.SendWithAsync(HttpMethod.Get, "/self-service/logout/browser", null, Cookie("ory_kratos_session", cookie));
        var logoutToken = logout.GetProperty("logout_token").GetString()!;
        var csrfToken = csrf.IssueToken(new Microsoft.AspNetCore.Http.DefaultHttpContext());
        await host.SendWithAsync(HttpMethod.Get, $"/self-service/logout?token={logoutToken}&csrf_token={Uri.EscapeDataString(csrfToken)}", null, Cookie("ory_kratos_session", cookie), Cookie(csrf.CookieName, "c2VjcmV0"));
        var (api, _) = await host.SendAsync(HttpMethod.Delete, "/self-service/logout/api", HttpTestHost.RawJson($$"""{"session_token":"{{other.Token}}"}"""));

        whoami.StatusCode.Should().Be(HttpStatusCode.OK);
        api.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var texts = host.Logs.Texts;
        texts.Should().NotBeEmpty();
        foreach (var secret in new[] { issued.Token, other.Token, cookie, logoutToken, csrfToken, "c2VjcmV0", "ory_st_", "ory_lo_" })
        {
            texts.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal), $"no log may hold {secret[..Math.Min(7, secret.Length)]}…");
        }
    }
}
