using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using NodaTime.Testing;
using Ory.Identity.AspNetCore.Tests.Support;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Routing;

/// <summary>
/// <c>RequireLocalPort</c> on real Kestrel listeners, the admin API on one port and the public API on another: each
/// route exists on its own port only, whatever Host header the client sends.
/// </summary>
public sealed class RequireLocalPortTests : IAsyncLifetime, IDisposable
{
    private readonly int _adminPort = FreePort.Next();
    private readonly int _publicPort = FreePort.Next();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });

        // The QuickStart's appsettings.json (copied beside the tests) names Kestrel endpoints: only ours here.
        builder.Configuration.Sources.Clear();
        HttpTestHost.AddTestServices(builder, new FakeClock(HttpTestHost.Start), new CapturingLoggerProvider(), o =>
        {
            o.Serve.Admin.BaseUrl = $"http://127.0.0.1:{_adminPort}/";
            o.Serve.Public.BaseUrl = $"http://127.0.0.1:{_publicPort}/";
        });
        _app = builder.Build();
        _app.Urls.Add($"http://127.0.0.1:{_adminPort}");
        _app.Urls.Add($"http://127.0.0.1:{_publicPort}");
        _app.UseOryIdentityErrors();
        _app.MapOryIdentityAdminApi().RequireLocalPort(_adminPort);
        _app.MapOryIdentityPublicApi().RequireLocalPort(_publicPort);
        _app.MapGet("/health/alive", () => "ok");
        await _app.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Admin_routes_answer_on_the_admin_port_whatever_the_host_header()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, _adminPort, "/admin/identities", host: $"127.0.0.1:{_publicPort}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Theory]
    [InlineData("GET", "/admin/identities")]
    [InlineData("POST", "/admin/identities")]
    [InlineData("PUT", "/admin/identities")]
    [InlineData("GET", "/identities")]
    [InlineData("POST", "/admin/recovery/link")]
    [InlineData("GET", "/admin/sessions")]
    public async Task Admin_routes_are_not_there_on_the_public_port_even_with_the_admin_host_header(string method, string path)
    {
        var (response, body) = await SendAsync(new HttpMethod(method), _publicPort, path, host: $"127.0.0.1:{_adminPort}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "another port's route is not there, not even as a 405");
        response.Content.Headers.Allow.Should().BeEmpty();
        body.ShouldBeKratosError(404);
    }

    [Fact]
    public async Task Public_routes_are_not_there_on_the_admin_port()
    {
        var (response, body) = await SendAsync(HttpMethod.Get, _adminPort, "/self-service/recovery/api", host: $"127.0.0.1:{_publicPort}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.ShouldBeKratosError(404);
        (await SendAsync(HttpMethod.Get, _publicPort, "/self-service/recovery/api")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Endpoints_bound_to_no_port_answer_on_both()
    {
        foreach (var port in new[] { _adminPort, _publicPort })
        {
            var response = await _client.GetAsync($"http://127.0.0.1:{port}/health/alive");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Admin_schemas_redirect_to_the_public_port_as_in_kratos()
    {
        foreach (var path in new[] { "/admin/schemas", "/schemas" })
        {
            var (response, _) = await SendAsync(HttpMethod.Get, _adminPort, path + "?page=0");
            response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect, path);
            response.Headers.Location.Should().Be(new Uri($"http://127.0.0.1:{_publicPort}/schemas?page=0"));
        }

        var (one, _) = await SendAsync(HttpMethod.Get, _adminPort, "/admin/schemas/default");
        one.Headers.Location.Should().Be(new Uri($"http://127.0.0.1:{_publicPort}/schemas/default"));

        foreach (var path in new[] { "/admin/schemas", "/schemas" })
        {
            var (response, body) = await SendAsync(HttpMethod.Get, _publicPort, path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            body.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Equal("default");
        }
    }

    [Fact]
    public void Without_the_http_services_the_endpoints_refuse_to_build()
    {
        var app = WebApplication.CreateBuilder().Build();
        app.MapGet("/x", () => "x").RequireLocalPort(4999);

        var build = () => ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList();

        build.Should().Throw<InvalidOperationException>().WithMessage("*AddOryIdentityHttp()*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        var app = WebApplication.CreateBuilder().Build();

        var require = () => app.MapGet("/x", () => "x").RequireLocalPort(port);

        require.Should().Throw<ArgumentOutOfRangeException>();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, int port, string path, string? host = null)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = HttpTestHost.RawJson("{}");
        }

        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 || response.Content.Headers.ContentType?.MediaType != "application/json" ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
