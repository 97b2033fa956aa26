using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Sessions;

/// <summary>CSRF: the cookie name and attributes, masking, constant-time verification and Kratos's 403 texts.</summary>
public sealed class CsrfProtectionTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    private CsrfProtection Csrf => _host.Services.GetRequiredService<CsrfProtection>();

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static byte[] Secret(byte seed) => Enumerable.Range(0, CsrfProtection.SecretLength).Select(i => (byte)(i + seed)).ToArray();

    [Fact]
    public void The_cookie_name_is_the_hex_sha256_of_the_public_base_url_as_in_kratos_quickstart()
    {
        CsrfProtection.CookieNameFor("http://127.0.0.1:4433/").Should().Be("csrf_token_806060ca5bf70dff3caa0e5c860002aade9d470a5a4dce73bcfa7ba10778f481");
        Csrf.CookieName.Should().Be("csrf_token_806060ca5bf70dff3caa0e5c860002aade9d470a5a4dce73bcfa7ba10778f481");
    }

    [Fact]
    public void Masked_tokens_differ_every_time_and_unmask_to_the_secret()
    {
        var secret = Secret(1);

        var first = CsrfProtection.Mask(secret);
        var second = CsrfProtection.Mask(secret);

        first.Should().NotBe(second);
        Convert.FromBase64String(first).Should().HaveCount(64);
        CsrfProtection.Unmask(first).Should().Equal(secret);
        CsrfProtection.Matches(secret, first).Should().BeTrue();
        CsrfProtection.Matches(secret, second).Should().BeTrue();
        CsrfProtection.Matches(secret, Convert.ToBase64String(secret)).Should().BeTrue("nosurf accepts an unmasked token too");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Missing_malformed_or_short_tokens_do_not_match(string? token)
    {
        CsrfProtection.Matches(Secret(1), token).Should().BeFalse();
    }

    [Fact]
    public void Another_secrets_token_does_not_match()
    {
        CsrfProtection.Matches(Secret(1), CsrfProtection.Mask(Secret(2))).Should().BeFalse();
    }

    [Fact]
    public void Issuing_sets_one_cookie_per_request_with_kratos_attributes_and_its_tokens_verify()
    {
        var context = new DefaultHttpContext();

        var first = Csrf.IssueToken(context);
        var second = Csrf.IssueToken(context);

        var header = context.Response.Headers.SetCookie.ToString();
        header.Should().StartWith(Csrf.CookieName + "=");
        header.Should().Contain("; max-age=31536000").And.Contain("; path=/").And.Contain("; secure").And.Contain("; samesite=lax").And.Contain("; httponly");
        context.Response.Headers.SetCookie.Should().HaveCount(1);
        var cookieValue = Uri.UnescapeDataString(header[(Csrf.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)]);
        Convert.FromBase64String(cookieValue).Should().HaveCount(32);
        first.Should().NotBe(second);

        var submit = new DefaultHttpContext();
        submit.Request.Headers.Cookie = $"{Csrf.CookieName}={Uri.EscapeDataString(cookieValue)}";
        var verify = () => Csrf.Verify(submit, first);
        verify.Should().NotThrow();
        var next = Csrf.IssueToken(submit);
        submit.Response.Headers.SetCookie.Should().BeEmpty("the request's cookie is reused");
        CsrfProtection.Matches(Convert.FromBase64String(cookieValue), next).Should().BeTrue();
    }

    [Fact]
    public async Task Without_secure_cookies_the_csrf_cookie_is_lax_and_not_secure()
    {
        await using var host = await HttpTestHost.StartAsync(o =>
        {
            o.Cookies.Secure = false;
            o.Cookies.SameSite = "None";
        });
        var context = new DefaultHttpContext();

        host.Services.GetRequiredService<CsrfProtection>().IssueToken(context);

        var header = context.Response.Headers.SetCookie.ToString();
        header.Should().Contain("; samesite=lax").And.NotContain("secure");
    }

    private JsonElement Refusal(Action<HttpRequest> request, string? token)
    {
        var context = new DefaultHttpContext();
        request(context.Request);
        var verify = () => Csrf.Verify(context, token);
        var error = verify.Should().Throw<CsrfViolationException>().Which.Error;
        error.Code.Should().Be(403);
        error.Status.Should().Be("Forbidden");
        error.Id.Should().Be("security_csrf_violation");
        error.Message.Should().Be("the request was rejected to protect you from Cross-Site-Request-Forgery");
        error.Reason.Should().Be("Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.");
        error.Details!.Value.GetProperty("docs").GetString().Should().Be("https://www.ory.com/docs/troubleshooting/csrf");
        return error.Details.Value;
    }

    [Fact]
    public void Each_refusal_gives_kratos_reject_reason_and_hint()
    {
        var secret = Convert.ToBase64String(Secret(1));
        var cookie = $"{Csrf.CookieName}={Uri.EscapeDataString(secret)}";

        var noCookies = Refusal(_ => { }, "x");
        var otherCookie = Refusal(r => r.Headers.Cookie = "a=b", "x");
        var notSent = Refusal(r => { r.Headers.Cookie = cookie; r.ContentType = "application/x-www-form-urlencoded"; }, null);
        var mismatch = Refusal(r => r.Headers.Cookie = cookie, CsrfProtection.Mask(Secret(2)));
        var ajax = Refusal(r => { r.Headers.Cookie = cookie; r.Headers["Sec-Fetch-Mode"] = "cors"; }, CsrfProtection.Mask(Secret(2)));
        var jsonWithoutToken = Refusal(r => { r.Headers.Cookie = cookie; r.ContentType = "application/json"; }, null);

        noCookies.GetProperty("reject_reason").GetString().Should().Be("The HTTP Cookie Header is empty or not set.");
        noCookies.GetProperty("hint").GetString().Should().StartWith("We detected a regular browser or server-side call.");
        otherCookie.GetProperty("reject_reason").GetString().Should().Be("The HTTP Cookie Header was set but did not include the anti-CSRF cookie.");
        notSent.GetProperty("hint").GetString().Should().Be("The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).");
        notSent.TryGetProperty("reject_reason", out _).Should().BeFalse();
        mismatch.GetProperty("reject_reason").GetString().Should().Be("The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.");
        ajax.GetProperty("hint").GetString().Should().StartWith("We detected an AJAX call,");
        jsonWithoutToken.GetProperty("reject_reason").GetString().Should().StartWith("The HTTP Cookie Header was set and a CSRF token was sent but they do not match.");
    }

    [Fact]
    public void Regenerating_replaces_the_secret_so_older_tokens_no_longer_verify()
    {
        var context = new DefaultHttpContext();
        var old = Csrf.IssueToken(context);

        var renewed = Csrf.Regenerate(context);

        CsrfProtection.Matches(renewed, old).Should().BeFalse();
        CsrfProtection.Matches(renewed, Csrf.IssueToken(context)).Should().BeTrue();
    }
}
