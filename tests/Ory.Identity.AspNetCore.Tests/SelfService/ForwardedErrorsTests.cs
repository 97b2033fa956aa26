using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal;
using NodaTime;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.SelfService;

/// <summary>Kratos's errorx: browsers are sent to the error UI, which reads the error from <c>GET /self-service/errors?id=</c>.</summary>
public sealed class ForwardedErrorsTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_browser_with_a_forbidden_return_to_is_sent_to_the_error_ui_and_the_error_is_readable_for_an_hour()
    {
        using var browser = _host.Browser();
        var (refused, body) = await browser.NavigateAsync("/self-service/login/browser?return_to=https%3A%2F%2Fevil.test%2F");

        body.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Undefined);
        var error = (await _host.ForwardedErrorAsync(refused)).ShouldBeKratosError(400, reason: "Requested return_to URL \"https://evil.test/\" is not allowed.");
        error.GetProperty("id").GetString().Should().Be("self_service_flow_return_to_forbidden");

        var id = refused.Headers.Location!.Query.Split("id=")[1];
        var (read, stored) = await _host.SendAsync(HttpMethod.Get, $"/self-service/errors?id={id}", accept: "application/json");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        stored.GetProperty("created_at").GetString().Should().Be(stored.GetProperty("updated_at").GetString());

        _host.Clock.Advance(Duration.FromMinutes(61));
        var (gone, goneBody) = await _host.SendAsync(HttpMethod.Get, $"/self-service/errors?id={id}", accept: "application/json");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        goneBody.ShouldBeKratosError(404);
    }

    [Fact]
    public void A_flood_of_errors_drops_the_oldest_in_batches_so_the_newest_is_still_readable()
    {
        var errors = _host.Services.GetRequiredService<SelfServiceErrors>();
        var error = new OryError { Code = 400, Status = "Bad Request", Message = "The request was malformed or contained invalid parameters" };
        var ids = new List<Guid>();
        var counts = new List<int>();
        for (var i = 0; i < 2 * SelfServiceErrors.MaxEntries; i++)
        {
            var context = new DefaultHttpContext();
            errors.Forward(context, error);
            ids.Add(Guid.Parse(context.Response.Headers.Location.ToString().Split("id=")[1]));
            counts.Add(errors.Count);
            _host.Clock.Advance(Duration.FromMilliseconds(1));
        }

        counts.Should().OnlyContain(c => c <= SelfServiceErrors.MaxEntries);
        counts[SelfServiceErrors.MaxEntries].Should().Be(SelfServiceErrors.MaxEntries - SelfServiceErrors.EvictedAtOnce + 1, "a full store drops a whole batch at once");
        counts.Where((c, i) => i > 0 && c < counts[i - 1]).Should().HaveCount(SelfServiceErrors.MaxEntries / SelfServiceErrors.EvictedAtOnce, "one eviction per batch of forwards");
        errors.Find(ids[^1]).Should().NotBeNull("a flood of failing requests must not keep the next error from being stored");
        errors.Find(ids[0]).Should().BeNull("the oldest made room");
        errors.Find(ids[SelfServiceErrors.EvictedAtOnce - 1]).Should().BeNull();
        errors.Find(ids[^(SelfServiceErrors.MaxEntries - SelfServiceErrors.EvictedAtOnce)]).Should().NotBeNull("only the oldest go");
    }

    [Fact]
    public async Task The_same_request_as_json_gets_the_error_itself()
    {
        using var browser = _host.Browser();
        var (refused, body) = await browser.FetchAsync("/self-service/login/browser?return_to=https%3A%2F%2Fevil.test%2F");

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.ShouldBeKratosError(400).GetProperty("id").GetString().Should().Be("self_service_flow_return_to_forbidden");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("0195b3a4-7a43-7000-8000-000000000000")]
    public async Task An_unknown_or_malformed_error_id_is_404(string id)
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Get, $"/self-service/errors?id={id}", accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
    }
}
