namespace Ory.Identity.Tests.Recovery;

/// <summary>Which <c>return_to</c> URLs <c>selfservice.allowed_return_urls</c> lets through: same origin, path at or under.</summary>
public sealed class ReturnToPolicyTests
{
    private static readonly Uri[] Allowed = [new("https://app.example.com/welcome/"), new("http://localhost:3000/")];

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
}
