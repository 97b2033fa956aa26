using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.SelfService;

public sealed class SelfServiceSubmissionTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<SelfServiceSubmission> ReadAsync(string contentType, string body, string query = "", params string[] queryKeys)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = HttpMethods.Post;
        context.Request.QueryString = new QueryString(query);
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return SelfServiceSubmission.ReadAsync(context, _host.Services.GetRequiredService<OryIdentityHttp>(), queryKeys);
    }

    [Fact]
    public async Task A_json_login_body_gives_the_identifier_the_password_and_the_transient_payload()
    {
        var submission = await ReadAsync("application/json", """{"method":"password","identifier":"a@ory.sh","password":"secret","transient_payload":{"x":1}}""");
        submission.Get("method").Should().Be("password");
        submission.Identifier.Should().Be("a@ory.sh");
        submission.Get("password").Should().Be("secret");
        submission.TransientPayload!.Value.GetProperty("x").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task The_legacy_password_identifier_stands_in_for_identifier_and_identifier_wins_when_both_are_sent()
    {
        (await ReadAsync("application/x-www-form-urlencoded", "method=password&password_identifier=legacy%40ory.sh&password=x")).Identifier.Should().Be("legacy@ory.sh");
        (await ReadAsync("application/json", """{"identifier":"new@ory.sh","password_identifier":"legacy@ory.sh"}""")).Identifier.Should().Be("new@ory.sh");
    }

    [Fact]
    public async Task Dotted_form_keys_become_nested_traits()
    {
        var submission = await ReadAsync("application/x-www-form-urlencoded", "method=profile&traits.email=a%40ory.sh&traits.name.first=Ada&csrf_token=t");
        submission.Traits!.Value.GetRawText().Should().Be("""{"email":"a@ory.sh","name":{"first":"Ada"}}""");
        submission.Get("csrf_token").Should().Be("t");
    }

    [Fact]
    public async Task The_query_wins_for_the_keys_named()
    {
        var submission = await ReadAsync("application/json", """{"flow":"body"}""", "?flow=query", "flow");
        submission.Get("flow").Should().Be("query");
    }

    [Fact]
    public async Task The_csrf_token_comes_from_the_body_else_the_header()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-CSRF-Token"] = "header";
        (await ReadAsync("application/json", """{"csrf_token":"body"}""")).CsrfToken(context.Request).Should().Be("body");
        (await ReadAsync("application/json", """{"method":"password"}""")).CsrfToken(context.Request).Should().Be("header");
        (await ReadAsync("application/json", """{"method":"password"}""")).CsrfToken(new DefaultHttpContext().Request).Should().BeNull();
    }

    [Theory]
    [InlineData("application/json", "[1]", "json: cannot unmarshal non-object into the request body")]
    [InlineData("application/json", "{\"transient_payload\":1}", null)]
    [InlineData("application/json", "{\"method\":", "unexpected end of JSON input")]
    [InlineData("text/plain", "method=password", null)]
    public async Task A_malformed_body_is_a_400(string contentType, string body, string? message)
    {
        var act = () => ReadAsync(contentType, body);
        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error;
        error.Code.Should().Be(400);
        if (message is not null)
        {
            error.Message.Should().Be(message);
        }
    }
}
