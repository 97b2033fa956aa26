using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests.Logging;

public sealed class RedactedRequestLogTests
{
    // The test host's settings keep Microsoft.AspNetCore at Warning, which the request log follows unless its category is named.
    private static Task<HttpTestHost> StartAsync(Action<WebApplication> map) => HttpTestHost.StartAsync(
        services: s => s.AddLogging(l => l.AddFilter(OryIdentityHttpOptions.RequestLogCategory, LogLevel.Information)),
        map: map);

    [Fact]
    public async Task Logs_start_and_finish_of_every_request_of_the_host_with_redacted_query_values()
    {
        await using var host = await StartAsync(app => app.MapGet("/host-own", () => Results.Text("hi")));

        // Reading the body to its end waits for the whole pipeline, the request log's last line included.
        (await host.Client.GetStringAsync("/host-own?state=s3cr3t&page=2")).Should().Be("hi");

        host.Logs.Lines.Should().Contain("Information Ory.Identity.AspNetCore.RequestLog [4001] Request starting HTTP/1.1 GET http://localhost/host-own?state=[redacted]&page=[redacted] - - - ");
        host.Logs.Lines.Should().ContainSingle(l => l.StartsWith("Information Ory.Identity.AspNetCore.RequestLog [4002] Request finished HTTP/1.1 GET http://localhost/host-own?state=[redacted]&page=[redacted] - 200 2 text/plain; charset=utf-8 ", StringComparison.Ordinal))
            .Which.Should().MatchRegex(" [0-9.]+ms $");
        host.Logs.Lines.Should().NotContain(l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exception_escaping_the_pipeline_is_logged_as_the_500_the_server_answers()
    {
        await using var host = await StartAsync(app => app.MapGet("/boom", IResult () => throw new InvalidOperationException("boom")));

        try
        {
            using var response = await host.Client.GetAsync("/boom?token=s3cr3t");
        }
        catch (InvalidOperationException)
        {
            // The test server hands the application's exception to the client.
        }

        host.Logs.Lines.Should().Contain(l => l.StartsWith("Information Ory.Identity.AspNetCore.RequestLog [4002] Request finished HTTP/1.1 GET http://localhost/boom?token=[redacted] - 500 ", StringComparison.Ordinal));
    }
}
