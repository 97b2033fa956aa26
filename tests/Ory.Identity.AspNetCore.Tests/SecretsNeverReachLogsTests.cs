using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity.AspNetCore.Tests.Support;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// The host logs everything at Trace — through a provider-specific rule, which beats any provider-less one — while the
/// flows that handle secrets run; no token, code, key, password, hash or trait may show up in a message, a structured
/// value, a scope or an exception text.
/// </summary>
public sealed class SecretsNeverReachLogsTests
{
    private static Task<HttpTestHost> StartAsync(bool redact) => HttpTestHost.StartAsync(
        configure: o =>
        {
            o.SelfService.Flows.Recovery.Use = "code";
            o.Identity.Schemas.Add(new IdentitySchemaOptions
            {
                Id = "service",
                Url = "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "service-account.schema.json"),
                Kind = IdentitySchemaKind.Machine,
            });
        },
        http: o => o.RedactRequestLog = redact,
        services: s =>
        {
            s.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
            s.AddAuthentication().AddOryApiKey();
            s.AddAuthorization();
        },
        map: app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/machines-only", () => Results.Ok())
                .RequireAuthorization(new AuthorizationPolicyBuilder(OryApiKeyDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        });

    private static SecretUsingFlows FlowsOf(HttpTestHost host) => new(host.Client, host.Client, host.Outbox, "/machines-only");

    [Fact]
    public async Task Recovery_api_key_and_import_flows_leave_no_secret_in_any_log_at_trace()
    {
        await using var host = await StartAsync(redact: true);
        var flows = FlowsOf(host);

        await flows.RunAsync();

        flows.Secrets.Should().HaveCountGreaterThan(15);
        flows.Codes.Should().HaveCount(2);
        host.Logs.Texts.Should().HaveCountGreaterThan(500, "every category logs at Trace");
        flows.Leaks(host.Logs.Texts).Should().BeEmpty();
        host.Logs.Lines.Should().Contain(l => l.StartsWith("Information Ory.Identity.AspNetCore.RequestLog [4001] Request starting HTTP/1.1 GET http://localhost/self-service/recovery?flow=[redacted]&token=[redacted] - - -", StringComparison.Ordinal));
        host.Logs.Lines.Should().Contain(l => l.StartsWith("Information Ory.Identity.AspNetCore.RequestLog [4002] Request finished HTTP/1.1 GET http://localhost/self-service/recovery?flow=[redacted]&token=[redacted] - 303 ", StringComparison.Ordinal));
        host.Logs.Lines.Should().Contain(l => l.Contains("[4001] Request starting HTTP/1.1 GET http://localhost/admin/identities?credentials_identifier=[redacted] - - -", StringComparison.Ordinal));
        host.Logs.Lines.Should().NotContain(l => l.Contains(" Microsoft.AspNetCore.Hosting.Diagnostics [1] ", StringComparison.Ordinal), "the framework's request log is replaced");
    }

    [Fact]
    public async Task Without_redaction_the_framework_request_log_writes_the_recovery_token_and_no_request_log_of_ours()
    {
        await using var host = await StartAsync(redact: false);
        var flows = FlowsOf(host);

        await flows.AdminRecoveryLinkAsync();

        flows.Leaks(host.Logs.Texts).Should().Contain(t => t.Contains("Microsoft.AspNetCore.Hosting.Diagnostics [1] Request starting HTTP/1.1 GET http://localhost/self-service/recovery?flow=", StringComparison.Ordinal),
            "this is the leak the option closes, and the search finds it");
        host.Logs.Lines.Should().NotContain(l => l.Contains("Ory.Identity.AspNetCore.RequestLog", StringComparison.Ordinal));
    }
}
