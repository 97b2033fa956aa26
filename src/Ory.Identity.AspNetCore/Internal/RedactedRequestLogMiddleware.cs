using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// The request log that stands in for the framework's (see <see cref="FrameworkRequestLogFilter"/>): the same two
/// Information lines, "Request starting …" and "Request finished …", under
/// <see cref="OryIdentityHttpOptions.RequestLogCategory"/>, with every query value replaced by <c>[redacted]</c>
/// (<see cref="RedactedQuery"/>). Headers and bodies are never logged.
/// </summary>
internal sealed partial class RedactedRequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    private const string None = "-";

    private readonly ILogger _logger = loggers.CreateLogger(OryIdentityHttpOptions.RequestLogCategory);

    /// <summary>Logs the request, runs the rest of the pipeline, then logs the answer.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var query = RedactedQuery.Of(request.QueryString);
        var (host, pathBase, path) = (request.Host.Value ?? string.Empty, request.PathBase.Value ?? string.Empty, request.Path.Value ?? string.Empty);
        var requestLength = LengthOf(request.ContentLength);
        LogStarting(_logger, request.Protocol, request.Method, request.Scheme, host, pathBase, path, query, request.ContentType ?? None, requestLength);

        var started = Stopwatch.GetTimestamp();
        var completed = false;
        try
        {
            await next(context).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            // An exception escaping before the answer started becomes the server's 500.
            var response = context.Response;
            var status = completed || response.HasStarted ? response.StatusCode : StatusCodes.Status500InternalServerError;
            var responseLength = LengthOf(response.ContentLength);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogFinished(_logger, request.Protocol, request.Method, request.Scheme, host, pathBase, path, query, status, responseLength, response.ContentType ?? None, elapsed);
        }
    }

    private static string LengthOf(long? length) => length?.ToString(CultureInfo.InvariantCulture) ?? None;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Request starting {Protocol} {Method} {Scheme}://{Host}{PathBase}{Path}{QueryString} - {ContentType} {ContentLength}")]
    private static partial void LogStarting(ILogger logger, string protocol, string method, string scheme, string host, string pathBase, string path, string queryString, string contentType, string contentLength);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Request finished {Protocol} {Method} {Scheme}://{Host}{PathBase}{Path}{QueryString} - {StatusCode} {ContentLength} {ContentType} {ElapsedMilliseconds}ms")]
    private static partial void LogFinished(ILogger logger, string protocol, string method, string scheme, string host, string pathBase, string path, string queryString, int statusCode, string contentLength, string contentType, double elapsedMilliseconds);
}
