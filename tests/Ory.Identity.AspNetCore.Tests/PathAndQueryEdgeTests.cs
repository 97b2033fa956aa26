using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>Odd UUID spellings, paging numbers at the edges, and return_to echoes, against Kratos and docs/http-api.md.</summary>
public sealed class PathAndQueryEdgeTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o => o.SelfService.AllowedReturnUrls = ["http://127.0.0.1:4455/"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("%20{0}")]
    [InlineData("{0}%20")]
    [InlineData("+{0}")]
    [InlineData("({0})")]
    [InlineData("{0}x")]
    [InlineData("urn:uuid:{0}x")]
    [InlineData("URN:UUID:{0}")]
    [InlineData("%7B{0}")]
    public async Task A_spelling_gofrs_uuid_refuses_is_the_nil_uuid_hence_404(string spelling)
    {
        var id = await _host.CreateIdentityAsync($"odd-{Guid.NewGuid():N}@ory.sh");
        var (response, body) = await _host.GetAsync("/admin/identities/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, id));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
    }

    [Theory]
    [InlineData("D")]
    [InlineData("N")]
    [InlineData("B")]
    [InlineData("upper")]
    [InlineData("urn")]
    public async Task A_spelling_gofrs_uuid_accepts_finds_the_identity(string format)
    {
        var id = await _host.CreateIdentityAsync($"spelled-{format}@ory.sh");
        var spelled = format switch
        {
            "upper" => id.ToString().ToUpperInvariant(),
            "urn" => "urn:uuid:" + id,
            "B" => Uri.EscapeDataString(id.ToString("B")),
            _ => id.ToString(format),
        };

        var (response, body) = await _host.GetAsync("/admin/identities/" + spelled);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("id").GetGuid().Should().Be(id);
    }

    [Theory]
    [InlineData("page=9223372036854775807&per_page=2")]
    [InlineData("page=4611686018427387904&per_page=4")]
    [InlineData("page=501&per_page=2")]
    [InlineData("page=3&per_page=9223372036854775807")]
    public async Task Legacy_paging_past_1000_items_is_400_without_overflow(string query)
    {
        var (response, body) = await _host.GetAsync("/admin/identities?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Legacy pagination is not supported for enumerating over 1000 items. Please switch to using page_token and page_size.");
    }

    [Theory]
    [InlineData("page=500&per_page=2")]
    [InlineData("page=-9223372036854775808&per_page=2")]
    [InlineData("page=9223372036854775808&per_page=2")]
    [InlineData("page=0&per_page=-5")]
    [InlineData("page=2&per_page=9223372036854775807")]
    public async Task Legacy_paging_inside_the_limit_or_unparsable_numbers_answer_200(string query)
    {
        var (response, body) = await _host.GetAsync("/admin/identities?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        response.Headers.GetValues("X-Total-Count").Should().ContainSingle();
    }

    [Fact]
    public async Task A_page_size_beyond_int_is_clamped_as_on_kratos_64_bit_server()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?page_size=2147483648");
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        response.Headers.GetValues("Link").Single().Should().Contain("page_size=500");
    }

    [Theory]
    [InlineData("page_size=9223372036854775808", "strconv.Atoi: parsing \"9223372036854775808\": value out of range")]
    [InlineData("page_size=-1", "The page size must be between 1 and 500.")]
    [InlineData("page_size=0", "The page size must be between 1 and 500.")]
    [InlineData("page_size=1x", "strconv.Atoi: parsing \"1x\": invalid syntax")]
    public async Task Bad_page_sizes_are_400(string query, string reason)
    {
        var (response, body) = await _host.GetAsync("/admin/identities?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: reason);
    }

    [Fact]
    public async Task A_schema_page_far_past_the_end_is_empty()
    {
        var (response, body) = await _host.GetAsync("/schemas?page=9223372036854775807&per_page=1000");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetArrayLength().Should().Be(0);
        response.Headers.GetValues("X-Total-Count").Single().Should().Be("1");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/etc/passwd")]
    [InlineData("HTTP://EVIL.example:80/a/../b")]
    public async Task A_refused_return_to_is_echoed_as_sent(string returnTo)
    {
        var id = await _host.CreateIdentityAsync($"return-{Guid.NewGuid():N}@ory.sh");
        var (link, linkBody) = await _host.SendAsync(HttpMethod.Post, "/admin/recovery/link?return_to=" + Uri.EscapeDataString(returnTo),
            HttpTestHost.RawJson($$"""{"identity_id":"{{id}}"}"""));
        link.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        linkBody.ShouldBeKratosError(400, reason: $"Requested return_to URL \"{returnTo}\" is not allowed.");

        var (flow, flowBody) = await _host.GetAsync("/self-service/recovery/api?return_to=" + Uri.EscapeDataString(returnTo));
        flow.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        flowBody.ShouldBeKratosError(400, reason: $"Requested return_to URL \"{returnTo}\" is not allowed.");
    }
}
