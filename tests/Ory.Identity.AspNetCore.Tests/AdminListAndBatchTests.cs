using System.Net;
using System.Text;
using System.Text.Json;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

public sealed class AdminListAndBatchTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;
    private List<Guid> _ids = [];

    public async Task InitializeAsync()
    {
        _host = await HttpTestHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            _ids.Add(await _host.CreateIdentityAsync($"list{i}@ory.sh"));
        }

        _ids = [.. _ids.Order(Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))];
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Keyset_pages_carry_kratos_link_headers_and_follow_to_the_end()
    {
        var seen = new List<Guid>();
        var path = "/admin/identities?page_size=2";
        var pages = 0;
        while (path is not null)
        {
            var (response, body) = await _host.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            seen.AddRange(body.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            var link = string.Join(",", response.Headers.GetValues("Link"));
            link.Should().StartWith("</admin/identities?page_size=2&page_token=00000000-0000-0000-0000-000000000000>; rel=\"first\"");
            response.Headers.Contains("X-Total-Count").Should().BeFalse();
            var next = link.Split(',').FirstOrDefault(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
            path = next?[(next.IndexOf('<', StringComparison.Ordinal) + 1)..next.IndexOf('>', StringComparison.Ordinal)];
            if (pages == 0)
            {
                link.Should().Be($"</admin/identities?page_size=2&page_token=00000000-0000-0000-0000-000000000000>; rel=\"first\",</admin/identities?page_size=2&page_token={_ids[1]}>; rel=\"next\"");
            }

            pages++;
        }

        pages.Should().Be(3);
        seen.Should().Equal(_ids);
    }

    [Fact]
    public async Task Items_carry_no_credentials_key_and_metadata_admin_and_schema_url()
    {
        var (response, body) = await _host.GetAsync("/identities");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetArrayLength().Should().Be(5);
        body[0].TryGetProperty("credentials", out _).Should().BeFalse();
        body[0].GetProperty("schema_url").GetString().Should().StartWith("http://127.0.0.1:4433/schemas/");
        string.Join(",", response.Headers.GetValues("Link")).Should().Be("</identities?page_size=250&page_token=00000000-0000-0000-0000-000000000000>; rel=\"first\"");
    }

    [Fact]
    public async Task Per_page_alone_is_page_size()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?per_page=3");
        body.GetArrayLength().Should().Be(3);
        string.Join(",", response.Headers.GetValues("Link")).Should().Be(
            $"</admin/identities?page_size=3&page_token=00000000-0000-0000-0000-000000000000>; rel=\"first\",</admin/identities?page_size=3&page_token={_ids[2]}>; rel=\"next\"");
    }

    [Fact]
    public async Task Legacy_pages_are_zero_based_with_total_count_and_four_links()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?page=1&per_page=2");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(_ids[2], _ids[3]);
        response.Headers.GetValues("X-Total-Count").Should().Equal("5");
        string.Join(",", response.Headers.GetValues("Link")).Should().Be(
            "</admin/identities?page=0&per_page=2>; rel=\"first\",</admin/identities?page=2&per_page=2>; rel=\"next\","
            + "</admin/identities?page=0&per_page=2>; rel=\"prev\",</admin/identities?page=2&per_page=2>; rel=\"last\"");

        var (first, _) = await _host.GetAsync("/admin/identities?page=0&per_page=2");
        string.Join(",", first.Headers.GetValues("Link")).Should().Be(
            "</admin/identities?page=1&per_page=2>; rel=\"next\",</admin/identities?page=2&per_page=2>; rel=\"last\"");
    }

    [Fact]
    public async Task Legacy_paging_beyond_1000_items_is_refused()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?page=11&per_page=100");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "Legacy pagination is not supported for enumerating over 1000 items. Please switch to using page_token and page_size.");
    }

    [Theory]
    [InlineData("/admin/identities?page_size=abc", "strconv.Atoi: parsing \"abc\": invalid syntax")]
    [InlineData("/admin/identities?page_token=not-a-token", "The page token is invalid, do not craft your own page tokens")]
    [InlineData("/admin/identities?ids=nope", "Invalid UUID value `nope` for parameter `ids`.")]
    [InlineData("/admin/identities?organization_id=nope", "Invalid UUID value `nope` for parameter `organization_id`.")]
    [InlineData("/admin/identities?include_credential=passwd", "Invalid value `passwd` for parameter `include_credential`.")]
    [InlineData("/admin/identities?credentials_identifier=a&preview_credentials_identifier_similar=b", "You cannot combine multiple filters in this API")]
    public async Task Bad_list_parameters_answer_400_and_the_server_stays_healthy(string path, string reason)
    {
        var (response, body) = await _host.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: reason);
        await _host.AssertHealthyAsync();
    }

    [Fact]
    public async Task Filters_select_identities()
    {
        var (byIds, body) = await _host.GetAsync($"/admin/identities?ids={_ids[0]}&ids={_ids[3]}&ids={Guid.NewGuid()}");
        byIds.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().BeEquivalentTo([_ids[0], _ids[3]]);

        var (byIdentifier, body2) = await _host.GetAsync("/admin/identities?credentials_identifier=LIST1@ory.sh");
        byIdentifier.StatusCode.Should().Be(HttpStatusCode.OK);
        body2.EnumerateArray().Select(i => i.GetProperty("traits").GetProperty("email").GetString()).Should().Equal("list1@ory.sh");

        var (similar, body3) = await _host.GetAsync("/admin/identities?preview_credentials_identifier_similar=list");
        similar.StatusCode.Should().Be(HttpStatusCode.OK);
        body3.GetArrayLength().Should().Be(5);

        var (org, body4) = await _host.GetAsync($"/admin/identities?organization_id={Guid.NewGuid()}&consistency=strong");
        org.StatusCode.Should().Be(HttpStatusCode.OK);
        body4.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Batch_creates_items_in_order_echoing_patch_ids_with_nulls_and_item_errors()
    {
        var p1 = Guid.NewGuid();
        var p2 = Guid.NewGuid();
        var p3 = Guid.NewGuid();
        var json = $$$$"""
            {"identities":[
              {"create":{"schema_id":"default","traits":{"email":"batch1@ory.sh"}},"patch_id":"{{{{p1}}}}"},
              {"create":null,"patch_id":"{{{{p2}}}}"},
              {"create":{"traits":{"email":"list0@ory.sh"}},"patch_id":"{{{{p3}}}}"},
              {"create":{"traits":{"email":"batch2@ory.sh"}}},
              null
            ]}
            """;
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        var items = body.GetProperty("identities");
        items.GetArrayLength().Should().Be(5);
        items[0].GetProperty("action").GetString().Should().Be("create");
        items[0].GetProperty("patch_id").GetGuid().Should().Be(p1);
        items[0].GetProperty("identity").GetGuid().Should().NotBe(Guid.Empty);
        items[1].ValueKind.Should().Be(JsonValueKind.Null);
        items[2].GetProperty("action").GetString().Should().Be("error");
        items[2].GetProperty("patch_id").GetGuid().Should().Be(p3);
        items[2].GetProperty("error").GetProperty("code").GetInt32().Should().Be(409);
        items[3].GetProperty("action").GetString().Should().Be("create");
        items[3].TryGetProperty("patch_id", out _).Should().BeFalse();
        items[4].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Batch_over_1000_items_is_refused()
    {
        var json = "{\"identities\":[" + string.Join(",", Enumerable.Repeat("{\"create\":null}", 1001)) + "]}";
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "The maximum number of identities per request that can be created or deleted at once is 1000.");
    }

    [Fact]
    public async Task Batch_with_over_200_cleartext_passwords_is_refused()
    {
        var json = "{\"identities\":[" + CleartextPasswordItems(201) + "]}";
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, reason: "The maximum number of identities per request that can be created with a plaintext password is 200.");
        body.GetRawText().Should().NotContain("hunter2");
    }

    [Fact]
    public async Task Batch_with_over_200_cleartext_passwords_and_a_malformed_item_is_refused_for_the_malformed_item_first()
    {
        // Kratos decodes the whole body before it counts cleartext passwords.
        var json = "{\"identities\":[" + CleartextPasswordItems(201) + ",{\"create\":null,\"foo\":1}]}";
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: "json: unknown field \"foo\"");
    }

    private static string CleartextPasswordItems(int count) => string.Join(",", Enumerable.Repeat(
        """{"create":{"traits":{"email":"p@ory.sh"},"credentials":{"password":{"config":{"password":"hunter2hunter2"}}}}}""", count));

    [Theory]
    [InlineData("""{"identities":[],"extra":1}""", "json: unknown field \"extra\"")]
    [InlineData("""{"identities":[{"create":null,"foo":1}]}""", "json: unknown field \"foo\"")]
    [InlineData("""{"identities":[{"create":{"id":"x"}}]}""", "json: unknown field \"id\"")]
    public async Task Batch_is_decoded_strictly(string json, string message)
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400, message: message);
    }

    [Fact]
    public async Task Batch_of_nothing_is_an_empty_result()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", new StringContent("""{"identities":[]}""", Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetRawText().Should().Be("""{"identities":[]}""");
    }
}
