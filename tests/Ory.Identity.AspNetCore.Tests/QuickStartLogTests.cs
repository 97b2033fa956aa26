using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore.Tests.Support;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// The QuickStart on real Kestrel listeners (the test server skips Kestrel and its logs), every category captured at
/// Trace, while the flows that handle secrets run and while Kestrel refuses malformed requests that quote a token and a key.
/// </summary>
public sealed class QuickStartLogTests
{
    private sealed class KestrelQuickStart : IDisposable
    {
        private readonly QuickStartTests.Factory _factory = new();
        private readonly WebApplicationFactory<Program> _server;

        public KestrelQuickStart(bool redact)
        {
            (PublicPort, AdminPort) = (FreePort.Next(), FreePort.Next());
            _factory.Settings["Kestrel:Endpoints:Public:Url"] = $"http://127.0.0.1:{PublicPort}";
            _factory.Settings["Kestrel:Endpoints:Admin:Url"] = $"http://127.0.0.1:{AdminPort}";
            _factory.Settings["Kestrel:Endpoints:Ui:Url"] = $"http://127.0.0.1:{FreePort.Next()}";
            _server = _factory.WithWebHostBuilder(web => web
                .ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace))
                .ConfigureServices(services => services.Configure<OryIdentityHttpOptions>(o => o.RedactRequestLog = redact)));
            _server.UseKestrel();
            _server.StartServer();
            Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}") };
            // No cookie jar: a recovery now signs the client in, and a signed-in client may not start another recovery.
            Public = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{PublicPort}") };
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public int PublicPort { get; }

        public int AdminPort { get; }

        public HttpClient Admin { get; }

        public HttpClient Public { get; }

        public SecretUsingFlows Flows() => new(Admin, Public, _server.Services.GetRequiredService<InMemoryRecoveryOutbox>(), "/demo/whoami");

        /// <summary>
        /// Sends two requests Kestrel refuses with 400 before the application sees them, one whose request line carries a
        /// recovery token and one whose header line (no colon) carries an API key; returns the token and key used.
        /// </summary>
        public async Task<string[]> SendMalformedRequestsAsync()
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var key = "ory_ak_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(30));
            (await SendRawAsync($"GET /self-service/recovery?flow=x&token={token}\r\n\r\n")).Should().StartWith("HTTP/1.1 400");
            (await SendRawAsync($"GET /demo/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization Bearer {key}\r\n\r\n")).Should().StartWith("HTTP/1.1 400");
            return [token, key];
        }

        private async Task<string> SendRawAsync(string request)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, PublicPort);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync() ?? string.Empty;
        }

        public void Dispose()
        {
            Admin.Dispose();
            Public.Dispose();
            _server.Dispose();
            _factory.Dispose();
        }
    }

    [Fact]
    public async Task Over_kestrel_no_secret_reaches_any_log_at_trace()
    {
        using var quickStart = new KestrelQuickStart(redact: true);
        var flows = quickStart.Flows();

        await flows.RunAsync();
        foreach (var secret in await quickStart.SendMalformedRequestsAsync())
        {
            flows.Add(secret);
        }

        quickStart.Logs.Lines.Should().Contain(l => l.Contains(" Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal), "Kestrel's own logs are captured");
        quickStart.Logs.Lines.Should().Contain(l => l.Contains($"[4001] Request starting HTTP/1.1 GET http://127.0.0.1:{quickStart.PublicPort}/self-service/recovery?flow=[redacted]&token=[redacted] - - -", StringComparison.Ordinal));
        flows.Leaks(quickStart.Logs.Texts).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_redaction_kestrel_quotes_the_refused_request_line_and_header_in_its_bad_request_log()
    {
        using var quickStart = new KestrelQuickStart(redact: false);
        var flows = quickStart.Flows();

        foreach (var secret in await quickStart.SendMalformedRequestsAsync())
        {
            flows.Add(secret);
        }

        flows.Leaks(quickStart.Logs.Texts).Where(t => t.Contains("Microsoft.AspNetCore.Server.Kestrel.BadRequests", StringComparison.Ordinal))
            .Should().HaveCount(2, "this is the leak the option closes, and the search finds it");
    }
}
