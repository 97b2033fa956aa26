using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>The session cookie: encrypted round trip, rotation, tampering, and its attributes.</summary>
public sealed class SessionCookieTests
{
    private const string Token = "ory_st_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private static readonly Instant ExpiresAt = HttpTestHost.Start + Duration.FromHours(24);

    private static async Task<(HttpTestHost Host, SessionCookie Cookie)> StartAsync(Action<OryIdentityOptions>? configure = null)
    {
        var host = await HttpTestHost.StartAsync(configure);
        return (host, host.Services.GetRequiredService<SessionCookie>());
    }

    private static (string Header, SessionCookieValue? Read) IssueAndRead(SessionCookie cookie, Instant expiresAt)
    {
        var context = new DefaultHttpContext();
        cookie.Issue(context, Token, expiresAt);
        var header = context.Response.Headers.SetCookie.ToString();
        var value = header[(header.IndexOf('=', StringComparison.Ordinal) + 1)..header.IndexOf(';', StringComparison.Ordinal)];
        var request = new DefaultHttpContext();
        request.Request.Headers.Cookie = $"{cookie.Name}={value}";
        return (header, cookie.Read(request));
    }

    [Fact]
    public async Task A_cookie_round_trips_its_token_and_expiry_and_does_not_show_the_token()
    {
        var (host, cookie) = await StartAsync();
        await using var _ = host;

        var (header, read) = IssueAndRead(cookie, ExpiresAt);

        read.Should().Be(new SessionCookieValue(Token, ExpiresAt));
        header.Should().NotContain(Token).And.NotContain("ory_st_");
        cookie.Protect(Token, ExpiresAt).Should().NotBe(cookie.Protect(Token, ExpiresAt), "every value has a fresh nonce");
    }

    [Fact]
    public async Task A_cookie_has_kratos_attributes_secure_by_default_and_max_age_until_expiry()
    {
        var (host, cookie) = await StartAsync();
        await using var _ = host;

        var (header, _) = IssueAndRead(cookie, ExpiresAt);

        header.Should().StartWith("ory_kratos_session=");
        header.Should().Contain("; max-age=86400").And.Contain("; path=/").And.Contain("; secure").And.Contain("; samesite=lax").And.Contain("; httponly");
        header.Should().NotContain("domain=");
    }

    [Fact]
    public async Task Configured_name_domain_path_same_site_dev_mode_and_a_session_only_cookie_are_honoured()
    {
        var (host, cookie) = await StartAsync(o =>
        {
            o.Dev = true;
            o.Session.Cookie.Name = "my_session";
            o.Session.Cookie.Persistent = false;
            o.Session.Cookie.SameSite = "Strict";
            o.Cookies.Domain = "example.com";
            o.Cookies.Path = "/app";
        });
        await using var _ = host;

        var (header, read) = IssueAndRead(cookie, ExpiresAt);

        header.Should().StartWith("my_session=");
        header.Should().Contain("; domain=example.com").And.Contain("; path=/app").And.Contain("; samesite=strict").And.Contain("; httponly");
        header.Should().NotContain("secure").And.NotContain("max-age").And.NotContain("expires");
        read!.Token.Should().Be(Token);
    }

    [Fact]
    public async Task Tampered_truncated_or_foreign_values_are_ignored()
    {
        var (host, cookie) = await StartAsync();
        await using var _ = host;
        var value = cookie.Protect(Token, ExpiresAt);

        foreach (var index in new[] { 0, 5, 20, value.Length - 1 })
        {
            var tampered = value[..index] + (value[index] == 'A' ? 'B' : 'A') + value[(index + 1)..];
            cookie.Unprotect(tampered).Should().BeNull();
        }

        cookie.Unprotect(value[..^4]).Should().BeNull();
        cookie.Unprotect(string.Empty).Should().BeNull();
        cookie.Unprotect("%%%").Should().BeNull();

        var (other, otherCookie) = await StartAsync(o => o.Secrets.Cookie = ["ANOTHER-SECRET-ANOTHER-SECRET"]);
        await using var __ = other;
        otherCookie.Unprotect(value).Should().BeNull();
    }

    [Fact]
    public async Task An_old_secret_still_decodes_after_rotation()
    {
        var (old, oldCookie) = await StartAsync(o => o.Secrets.Cookie = ["OLD-SECRET-OLD-SECRET-OLD"]);
        await using var _ = old;
        var value = oldCookie.Protect(Token, ExpiresAt);

        var (rotated, rotatedCookie) = await StartAsync(o => o.Secrets.Cookie = ["NEW-SECRET-NEW-SECRET-NEW", "OLD-SECRET-OLD-SECRET-OLD"]);
        await using var __ = rotated;

        rotatedCookie.Unprotect(value).Should().Be(new SessionCookieValue(Token, ExpiresAt));
        oldCookie.Unprotect(rotatedCookie.Protect(Token, ExpiresAt)).Should().BeNull("the new secret encrypts");
    }

    [Fact]
    public void The_cookie_value_record_does_not_print_the_token()
    {
        new SessionCookieValue(Token, ExpiresAt).ToString().Should().NotContain(Token);
    }
}
