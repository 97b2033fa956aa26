using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore;

/// <summary>Options of the HTTP endpoints (<c>services.AddOryIdentityHttp(o =&gt; …)</c>).</summary>
public sealed class OryIdentityHttpOptions
{
    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>
    /// The largest request body accepted, in bytes (default 1 MiB). Larger bodies are refused with 413 and a
    /// Kratos-shaped error body before they are parsed.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Called after a recovery link or code was redeemed successfully (the redemption carries the new session and the
    /// settings flow), before Kratos's answer: the session cookie and 303 to <c>selfservice.flows.settings.ui_url</c>,
    /// or the flow with <c>continue_with</c>. When the callback starts the response itself, the endpoint writes nothing more.
    /// </summary>
    public Func<HttpContext, RecoveryRedemption, Task>? OnRecovered { get; set; }

    /// <summary>The log category of Ory.Identity's request log (<see cref="RedactRequestLog"/>).</summary>
    public const string RequestLogCategory = "Ory.Identity.AspNetCore.RequestLog";

    /// <summary>
    /// Whether request logs leave out query values (default true). The framework's request log
    /// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, at Information) writes whole URLs, and recovery links carry their
    /// token in the query (<c>?flow=…&amp;token=…</c>); Kestrel's bad-request log
    /// (<c>Microsoft.AspNetCore.Server.Kestrel.BadRequests</c>, at Debug) quotes up to 128 characters of a refused request
    /// line or header line; the HTTPS redirection and URL rewriting middlewares log the URLs they produce at Debug. When
    /// true, those categories log at Warning and above only, whatever the logging configuration says (a stricter setting
    /// stays), and Ory.Identity writes the request log itself under <see cref="RequestLogCategory"/>, for every request of
    /// the host and never with headers or bodies, wherever the framework's would have been written (so not with the usual
    /// <c>"Microsoft.AspNetCore": "Warning"</c>) unless the logging configuration names that category itself:
    /// <c>Request starting HTTP/1.1 GET http://host/self-service/recovery?flow=[redacted]&amp;token=[redacted] - - -</c> and
    /// <c>Request finished … - 303 0 - 1.2ms</c>. False leaves the host's logging as configured. Only
    /// Microsoft.Extensions.Logging's filter rules are changed: a logging library that replaces the logger factory
    /// (Serilog's <c>UseSerilog()</c>, say) needs those categories set to Warning there (docs/http-api.md lists them).
    /// </summary>
    public bool RedactRequestLog { get; set; } = true;
}
