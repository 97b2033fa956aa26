using System.Text;
using Ory.Identity.Fuzz.Tests.Oracle;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Http;

public sealed class RawHttpClientTests(InMemoryQuickStart quickStart) : IClassFixture<InMemoryQuickStart>
{
    private static FuzzRequest Get(string target) => new() { Api = FuzzApi.Admin, Route = target, Method = "GET", Target = target };

    [Fact]
    public async Task Kestrels_refusal_of_a_malformed_request_line_is_told_apart_from_the_applications_answers()
    {
        var port = quickStart.Server.AdminPort;
        var malformed = Get("/health/alive") with { Raw = Encoding.ASCII.GetBytes($"GET  /health/alive HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n") };

        var refused = await RawHttpClient.SendAsync(malformed, port);
        var alive = await RawHttpClient.SendAsync(Get("/health/alive"), port);

        refused!.Status.Should().Be(400);
        ResponseOracle.IsKestrelRefusal(refused).Should().BeTrue();
        alive!.Status.Should().Be(200);
        alive.Header(AppMarker.HeaderName).Should().Be("1");
        Encoding.UTF8.GetString(alive.Body).Should().Be("""{"status":"ok"}""");
    }

    [Fact]
    public async Task The_applications_answers_are_read_whole_and_its_404_is_a_kratos_error_not_a_kestrel_refusal()
    {
        var port = quickStart.Server.AdminPort;
        var missing = await RawHttpClient.SendAsync(Get($"/admin/identities/{Guid.NewGuid()}"), port);
        var listed = await RawHttpClient.SendAsync(Get("/admin/identities"), port);

        missing!.Status.Should().Be(404);
        ResponseOracle.IsKestrelRefusal(missing).Should().BeFalse();
        ResponseOracle.Judge(Get("/admin/identities/{id}"), missing).Should().BeNull();
        listed!.Status.Should().Be(200);
        Encoding.UTF8.GetString(listed.Body).Should().Contain(quickStart.Seeds.Values["human"]);
    }
}
