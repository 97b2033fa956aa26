using System.Globalization;
using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

// Past hashers.max_queue the admin API answers Kratos's error JSON with 503 and Retry-After, and stores nothing.
public sealed class HashingCapacityHttpTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    // One slot and no queue: a batch's second cleartext password would have to wait, so the batch is refused.
    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync(o =>
    {
        o.Hashers.Algorithm = "argon2";
        o.Hashers.Argon2.Memory = "64KB";
        o.Hashers.Argon2.Parallelism = 1;
        o.Hashers.MaxConcurrency = 1;
        o.Hashers.MaxQueue = 0;
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Item(int i) =>
        "{\"create\":{\"schema_id\":\"default\",\"traits\":{\"email\":\"cap" + i + "@ory.sh\"},"
        + "\"credentials\":{\"password\":{\"config\":{\"password\":\"secret-pw-" + i + "\"}}}}}";

    private async Task<string> ListedAsync()
    {
        var (response, body) = await _host.GetAsync("/admin/identities?page_size=500");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return body.GetRawText();
    }

    [Fact]
    public async Task A_batch_past_the_hashing_queue_gets_a_kratos_503_with_retry_after_and_stores_nothing()
    {
        await _host.CreateIdentityAsync("kept@ory.sh");
        var before = await ListedAsync();
        var json = "{\"identities\":[" + string.Join(",", Enumerable.Range(0, 3).Select(Item)) + "]}";

        var (response, body) = await _host.SendAsync(HttpMethod.Patch, "/admin/identities", HttpTestHost.RawJson(json));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var error = body.ShouldBeKratosError(503, message: HashingCapacityExceededException.ErrorMessage);
        error.GetProperty("status").GetString().Should().Be("Service Unavailable");
        var retryAfter = response.Headers.RetryAfter!.Delta!.Value;
        retryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        error.GetProperty("reason").GetString().Should()
            .Contain("hashers.max_concurrency").And
            .EndWith(string.Create(CultureInfo.InvariantCulture, $"Retry after {(long)retryAfter.TotalSeconds} seconds."));
        body.GetRawText().Should().NotContain("secret-pw");
        (await ListedAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_single_create_with_a_password_is_admitted_when_a_slot_is_free()
    {
        var (response, body) = await _host.PostAsync("/admin/identities",
            """{"schema_id":"default","traits":{"email":"one@ory.sh"},"credentials":{"password":{"config":{"password":"secret-pw-one"}}}}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        response.Headers.RetryAfter.Should().BeNull();
    }
}
