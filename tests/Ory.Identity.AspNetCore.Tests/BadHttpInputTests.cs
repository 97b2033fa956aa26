using System.Net;
using System.Text;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>Hostile or sloppy HTTP input: each gets Kratos's status and error body, and the server keeps working.</summary>
public sealed class BadHttpInputTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Wrong_content_type_is_400()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities", HttpTestHost.RawJson("""{"traits":{"email":"a@ory.sh"}}""", "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "HTTP POST Request used unknown HTTP Header \"Content-Type: text/plain\", only [application/json] are supported.");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Empty_body_is_400()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/admin/identities", HttpTestHost.RawJson(string.Empty));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: "unexpected end of JSON input");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Malformed_json_is_400_with_the_decoder_text()
    {
        var (response, body) = await _host.PostAsync("/admin/identities", """{"traits":""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = body.ShouldBeKratosError(400);
        error.GetProperty("message").GetString().Should().StartWith("json: ").And.NotContain("LineNumber").And.NotContain("Path:");
        await _host.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("/admin/identities", "POST")]
    [InlineData("/admin/identities", "PATCH")]
    [InlineData("/admin/recovery/link", "POST")]
    [InlineData("/self-service/recovery?flow=00000000-0000-0000-0000-000000000001", "POST")]
    public async Task A_2_MiB_body_is_413_before_it_is_parsed(string path, string method)
    {
        var json = "{\"traits\":{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "@ory.sh\"}}";
        var (response, body) = await _host.SendAsync(new HttpMethod(method), path, HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        body.ShouldBeKratosError(413, reason: "The request body must not be larger than 1048576 bytes.");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"traits\":{\"email\":\"" + new string('a', 1100 * 1024) + "\"}}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/identities") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task The_limit_is_configurable()
    {
        await using var host = await HttpTestHost.StartAsync(http: o => o.MaxRequestBodySize = 64);
        var (response, body) = await host.PostAsync("/admin/identities", """{"traits":{"email":"this-is-a-rather-long-address@example.ory.sh"}}""");
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        body.ShouldBeKratosError(413, reason: "The request body must not be larger than 64 bytes.");
    }

    [Theory]
    [InlineData("/admin/identities", "POST")]
    [InlineData("/admin/identities", "PATCH")]
    [InlineData("/admin/recovery/link", "POST")]
    [InlineData("/self-service/recovery?flow=00000000-0000-0000-0000-000000000001", "POST")]
    public async Task A_10000_deep_document_is_400(string path, string method)
    {
        var json = "{\"traits\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        var (response, body) = await _host.SendAsync(new HttpMethod(method), path, HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400);
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task A_deep_document_under_the_size_limit_inside_a_batch_is_400()
    {
        var json = "{\"identities\":[{\"create\":{\"traits\":" + new string('[', 70) + new string(']', 70) + "}}]}";
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400);
    }

    [Fact]
    public async Task Unknown_field_is_400()
    {
        var (response, body) = await _host.PostAsync("/admin/identities", """{"id":"x","traits":{"email":"a@ory.sh"}}""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: "json: unknown field \"id\"");
        await _host.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("GET", "/admin/identities/not-a-uuid")]
    [InlineData("DELETE", "/admin/identities/not-a-uuid")]
    [InlineData("GET", "/identities/123")]
    public async Task Invalid_uuid_in_the_path_is_404(string method, string path)
    {
        var (response, body) = await _host.SendAsync(new HttpMethod(method), path);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Bad_page_token_is_400()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?page_token=%00%01garbage");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "The page token is invalid, do not craft your own page tokens");
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Bad_include_credential_is_400()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?include_credential=%3Cscript%3E");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Invalid value `<script>` for parameter `include_credential`.");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        await _host.AssertHealthyAsync();
    }
}
