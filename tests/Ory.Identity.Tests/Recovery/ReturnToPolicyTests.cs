namespace Ory.Identity.Tests.Recovery;

/// <summary>Which <c>return_to</c> URLs <c>selfservice.allowed_return_urls</c> lets through: same origin, path at or under.</summary>
public sealed class ReturnToPolicyTests
{
    private static readonly AllowedReturnUrl[] Allowed = [AllowedReturnUrl.Of(new("https://app.example.com/welcome/")), AllowedReturnUrl.Of(new("http://localhost:3000/"))];

    [Theory]
    [InlineData("https://app.example.com/welcome")]
    [InlineData("https://app.example.com/welcome/")]
    [InlineData("https://app.example.com/welcome/step/2?x=1")]
    [InlineData("HTTPS://APP.EXAMPLE.COM/welcome")]
    [InlineData("https://app.example.com:443/welcome")]
    [InlineData("http://localhost:3000/anything/at/all")]
    [InlineData("http://localhost:3000")]
    public void Urls_on_an_allowed_origin_at_or_under_its_path_pass(string url)
    {
        var check = () => ReturnToPolicy.EnsureAllowed(new Uri(url), Allowed);

        check.Should().NotThrow();
    }

    [Theory]
    [InlineData("https://app.example.com/welcome-page")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/Welcome")]
    [InlineData("http://app.example.com/welcome")]
    [InlineData("https://app.example.com:8443/welcome")]
    [InlineData("https://evil.example.com/welcome")]
    [InlineData("https://app.example.com.evil.example/welcome")]
    [InlineData("http://localhost:3001/")]
    public void Any_other_scheme_host_port_or_path_is_refused(string url)
    {
        var check = () => ReturnToPolicy.EnsureAllowed(new Uri(url), Allowed);

        check.Should().Throw<InvalidRequestException>().Which.Error.Code.Should().Be(400);
    }

    [Fact]
    public void A_relative_return_to_is_refused_and_no_return_to_is_fine()
    {
        var relative = () => ReturnToPolicy.EnsureAllowed(new Uri("/welcome", UriKind.Relative), Allowed);
        var none = () => ReturnToPolicy.EnsureAllowed(null, []);

        relative.Should().Throw<InvalidRequestException>();
        none.Should().NotThrow();
    }

    [Fact]
    public void Nothing_is_allowed_when_no_url_is_configured()
    {
        var check = () => ReturnToPolicy.EnsureAllowed(new Uri("https://app.example.com/welcome"), []);

        check.Should().Throw<InvalidRequestException>();
    }

    private static readonly Uri PublicBaseUrl = new("http://127.0.0.1:4433/");
    private static readonly Uri DefaultReturnTo = new("https://app.example.com/welcome");

    private static AllowedReturnUrl[] Entries(params string[] urls) =>
        [.. urls.Select(u => AllowedReturnUrl.TryParse(u, out var entry) ? entry! : throw new ArgumentException(u))];

    [Theory]
    [InlineData("https://*.example.com", "https://a.example.com/x", true)]
    [InlineData("https://*.example.com", "https://A.B.EXAMPLE.COM/", true)]
    [InlineData("https://*.example.com", "https://example.com/", false)]
    [InlineData("https://*.example.com", "https://evilexample.com/", false)]
    [InlineData("https://*.example.com", "http://a.example.com/", false)]
    [InlineData("https://*.example.com", "https://a.example.com:8443/", false)]
    [InlineData("https://*.example.com:8443/app", "https://a.example.com:8443/app/page", true)]
    [InlineData("https://*.example.com:8443/app", "https://a.example.com:8443/other", false)]
    [InlineData("https://app.example.com/dash", "https://app.example.com/dash/board", true)]
    [InlineData("https://app.example.com/dash", "https://app.example.com/dashboard", false)]
    [InlineData("https://APP.example.com", "https://app.EXAMPLE.com/any", true)]
    [InlineData("https://app.example.com", "https://app.example.com.evil.test/", false)]
    public void Entries_match_scheme_host_wildcards_port_and_path(string entry, string candidate, bool allowed)
    {
        var check = () => ReturnToPolicy.EnsureAllowed(new Uri(candidate), Entries(entry));

        if (allowed)
        {
            check.Should().NotThrow();
        }
        else
        {
            check.Should().Throw<ReturnToForbiddenException>();
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://*")]
    [InlineData("https://*.com")]
    [InlineData("https://a*.example.com")]
    [InlineData("https://**.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    public void Entries_that_would_allow_too_much_or_are_no_urls_do_not_parse(string entry)
    {
        AllowedReturnUrl.TryParse(entry, out var parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Fact]
    public void A_wildcard_entry_prints_as_configured()
    {
        Entries("https://*.example.com/app")[0].ToString().Should().Be("https://*.example.com/app");
    }

    [Theory]
    [InlineData(null, "https://app.example.com/welcome")]
    [InlineData("", "https://app.example.com/welcome")]
    [InlineData("/welcome/next?x=1", "https://app.example.com/welcome/next?x=1")]
    [InlineData("https://a.example.com/page", "https://a.example.com/page")]
    [InlineData("http://127.0.0.1:4433/self-service/login/browser", "http://127.0.0.1:4433/self-service/login/browser")]
    public void Resolve_gives_the_default_a_resolved_relative_url_or_an_allowed_one(string? returnTo, string expected)
    {
        var resolved = ReturnToPolicy.Resolve(returnTo, Entries("https://app.example.com/welcome", "https://*.example.com/page"), PublicBaseUrl, DefaultReturnTo);

        resolved.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("https://evil.test/welcome")]
    [InlineData("//evil.test/welcome")]
    [InlineData("/elsewhere")]
    [InlineData("http://127.0.0.1:4433/sessions/whoami")]
    [InlineData("http://127.0.0.1:4433/self-servicex")]
    public void Resolve_refuses_urls_outside_the_list_with_kratos_error(string returnTo)
    {
        var resolve = () => ReturnToPolicy.Resolve(returnTo, Entries("https://app.example.com/welcome"), PublicBaseUrl, DefaultReturnTo);

        var error = resolve.Should().Throw<ReturnToForbiddenException>().Which.Error;
        error.Code.Should().Be(400);
        error.Id.Should().Be("self_service_flow_return_to_forbidden");
        error.Message.Should().Be("The request was malformed or contained invalid parameters");
        error.Reason.Should().StartWith("Requested return_to URL \"").And.EndWith("\" is not allowed.");
    }

    [Fact]
    public void Resolve_refuses_text_that_is_no_url()
    {
        var resolve = () => ReturnToPolicy.Resolve("http://[::1", [], PublicBaseUrl, DefaultReturnTo);

        resolve.Should().Throw<InvalidRequestException>().Which.Error.Reason.Should().StartWith("Unable to parse the return_to query parameter as an URL: ");
    }
}
