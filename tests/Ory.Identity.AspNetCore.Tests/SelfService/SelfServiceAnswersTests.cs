using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore.Tests.SelfService;

public sealed class SelfServiceAnswersTests
{
    private static async Task<(int Status, JsonElement Body)> RunAsync(Func<HttpContext, Task> write)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await write(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public void A_flow_ui_link_adds_the_flow_to_the_query()
    {
        var id = Guid.Parse("8f3bd4c2-57b1-4a3e-9f0c-0d5f3a8b1e22");
        SelfServiceAnswers.WithFlow("http://127.0.0.1:4455/settings", id).Should().Be($"http://127.0.0.1:4455/settings?flow={id}");
        SelfServiceAnswers.WithFlow("http://127.0.0.1:4455/ui?step=2", id).Should().Be($"http://127.0.0.1:4455/ui?step=2&flow={id}");
        SelfServiceAnswers.WithQuery("http://a/login/browser?refresh=true", "return_to", "http://a/s?flow=1")
            .Should().Be("http://a/login/browser?refresh=true&return_to=http%3A%2F%2Fa%2Fs%3Fflow%3D1");
    }

    [Fact]
    public async Task An_expired_flow_answers_410_with_kratos_fields_and_the_new_flow_id()
    {
        var newFlow = Guid.NewGuid();
        var (status, body) = await RunAsync(c => SelfServiceAnswers.WriteFlowExpiredAsync(c, Instant.FromUtc(2026, 11, 27, 10, 0, 0), Duration.FromMinutes(2), newFlow));
        status.Should().Be(410);
        body.EnumerateObject().Select(p => p.Name).Should().Equal("error", "expired_at", "since", "use_flow_id");
        var error = body.GetProperty("error");
        error.GetProperty("id").GetString().Should().Be("self_service_flow_expired");
        error.GetProperty("status").GetString().Should().Be("Gone");
        error.GetProperty("message").GetString().Should().Be("self-service flow expired");
        error.GetProperty("reason").GetString().Should().Be("The self-service flow expired 2.00 minutes ago, initialize a new one.");
        body.GetProperty("expired_at").GetString().Should().Be("2026-11-27T10:00:00Z");
        body.GetProperty("since").GetInt64().Should().Be(120_000_000_000);
        body.GetProperty("use_flow_id").GetGuid().Should().Be(newFlow);
    }

    [Fact]
    public async Task A_browser_location_change_is_422_with_redirect_browser_to()
    {
        var (status, body) = await RunAsync(c => SelfServiceAnswers.WriteBrowserLocationChangeRequiredAsync(c, "http://127.0.0.1:4455/settings?flow=x"));
        status.Should().Be(422);
        body.GetProperty("error").GetProperty("id").GetString().Should().Be("browser_location_change_required");
        body.GetProperty("error").GetProperty("message").GetString().Should().Be("browser location change required");
        body.GetProperty("error").GetProperty("reason").GetString().Should().Be("In order to complete this flow please redirect the browser to: http://127.0.0.1:4455/settings?flow=x");
        body.GetProperty("redirect_browser_to").GetString().Should().Be("http://127.0.0.1:4455/settings?flow=x");
    }

    [Fact]
    public async Task A_flow_is_written_with_its_continue_with_items()
    {
        var flow = new Dictionary<string, long> { ["a"] = 1 };
        var (status, body) = await RunAsync(c => SelfServiceAnswers.WriteFlowAsync(c, 200, flow, new[] { new Dictionary<string, long> { ["b"] = 2 } }));
        status.Should().Be(200);
        body.GetRawText().Should().Be("""{"a":1,"continue_with":[{"b":2}]}""");
    }
}
