using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// The shared plumbing of every endpoint: Kratos's error bodies, body limits, content-type checks and JSON writing,
/// all through <see cref="OryIdentityJson"/>.
/// </summary>
internal sealed partial class OryIdentityHttp(
    IOptions<OryIdentityHttpOptions> httpOptions,
    IOptions<OryIdentityOptions> oryOptions,
    ILogger<OryIdentityHttp> logger)
{
    public const string JsonContentType = "application/json";
    public const string FormContentType = "application/x-www-form-urlencoded";

    private static readonly OryError InternalError = new()
    {
        Code = 500,
        Status = "Internal Server Error",
        Message = "An internal server error occurred, please contact the system administrator",
    };

    public OryIdentityHttpOptions Options => httpOptions.Value;

    /// <summary>The registered instance, or a clear error when <c>services.AddOryIdentityHttp()</c> was not called.</summary>
    public static OryIdentityHttp From(IServiceProvider services) =>
        services.GetService<OryIdentityHttp>()
        ?? throw new InvalidOperationException(
            "Ory.Identity's HTTP services are missing: call services.AddOryIdentityHttp() (and services.AddOryIdentity(…)) before mapping the endpoints or calling app.UseOryIdentityErrors().");

    public OryIdentityOptions Ory => oryOptions.Value;

    /// <summary>Wraps a handler: Ory.Identity errors become Kratos's error body; anything else a logged, generic 500.</summary>
    public RequestDelegate Handle(Func<HttpContext, Task> handler) => context => RunAsync(context, handler, null);

    /// <summary>
    /// Wraps a browser flow endpoint: as <see cref="Handle"/>, but an Ory.Identity error answering a browser (a non-JSON
    /// request not about an api flow) is forwarded to the error UI (<see cref="SelfServiceErrors"/>), as Kratos's errorx
    /// manager does. <paramref name="flowType"/> gives the type of the flow in the <c>flow</c> query parameter (null
    /// when unknown); endpoints that only start browser flows pass none.
    /// </summary>
    public RequestDelegate HandleBrowser(Func<HttpContext, Task> handler, Func<HttpContext, Guid, ValueTask<SelfServiceFlowType?>>? flowType = null) =>
        context => RunAsync(context, handler, flowType ?? ((_, _) => ValueTask.FromResult<SelfServiceFlowType?>(SelfServiceFlowType.Browser)));

    private async Task RunAsync(HttpContext context, Func<HttpContext, Task> handler, Func<HttpContext, Guid, ValueTask<SelfServiceFlowType?>>? browserFlowType)
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (OryIdentityException e) when (browserFlowType is not null && !context.Response.HasStarted && !KratosQuery.IsJsonRequest(context.Request))
        {
            // Kratos answers api flows with JSON whatever the request accepts.
            var api = GoUuid.TryParse(KratosQuery.Get(context.Request.Query, "flow"), out var flowId)
                && await browserFlowType(context, flowId).ConfigureAwait(false) == SelfServiceFlowType.Api;
            if (api)
            {
                await WriteErrorAsync(context, e.Error, (e as HashingCapacityExceededException)?.RetryAfter).ConfigureAwait(false);
            }
            else
            {
                context.RequestServices.GetRequiredService<SelfServiceErrors>().Forward(context, e.Error);
            }
        }
        catch (OryIdentityException e)
        {
            await WriteErrorAsync(context, e.Error, (e as HashingCapacityExceededException)?.RetryAfter).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorAsync(context, TooLarge()).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // The server refused the request while the app read it (a malformed chunked body, a body sent too slowly):
            // its status, with Kratos's default body for it.
            await WriteErrorAsync(context, DefaultError(e.StatusCode)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // Every other failure must become Kratos's generic 500, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The exception's type and stack go to the log; its message is left out, since it may quote request data, and
            // the route's pattern stands in for the path, which may carry an external id.
            var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched route)";
            LogUnhandled(logger, e.GetType().FullName ?? e.GetType().Name, context.Request.Method, route, context.TraceIdentifier, e.StackTrace ?? string.Empty);
            await WriteErrorAsync(context, InternalError).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} while serving {Method} {Route} (trace {TraceId}); answered 500.\n{StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string method, string route, string traceId, string stackTrace);

    /// <summary>
    /// Kratos's error for a bare status: herodot's default message where it has one (400, 401, 403, 404, 409, 415, 500),
    /// otherwise the HTTP reason phrase (e.g. 405 "Method Not Allowed", 414 "URI Too Long").
    /// </summary>
    public static OryError DefaultError(int status)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        return new OryError
        {
            Code = status,
            Status = phrase,
            Message = status switch
            {
                400 => "The request was malformed or contained invalid parameters",
                401 => "The request could not be authorized",
                403 => "The requested action was forbidden",
                404 => "The requested resource could not be found",
                409 => "The resource could not be created due to a conflict",
                415 => "The request is using an unknown content type",
                500 => InternalError.Message,
                _ => phrase.Length > 0 ? phrase : "Error",
            },
        };
    }

    /// <summary>
    /// Writes <see cref="DefaultError"/> when the response is an error (400–599) that nothing has written a body for:
    /// not started, no <c>Content-Length</c>, no <c>Content-Type</c> (as <c>UseStatusCodePages</c> decides), not a
    /// <c>HEAD</c> request, and <see cref="IStatusCodePagesFeature"/> not disabled by the endpoint.
    /// </summary>
    public static Task WriteEmptyErrorBodyAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || response.StatusCode is < 400 or > 599 || response.ContentLength is not null
            || !string.IsNullOrEmpty(response.ContentType) || HttpMethods.IsHead(context.Request.Method)
            || context.Features.Get<IStatusCodePagesFeature>() is { Enabled: false })
        {
            return Task.CompletedTask;
        }

        return WriteJsonAsync(context, response.StatusCode, new OryErrorEnvelope(DefaultError(response.StatusCode)));
    }

    /// <summary>Kratos's 413-shaped error for a body over <see cref="OryIdentityHttpOptions.MaxRequestBodySize"/>.</summary>
    public OryError TooLarge() => new()
    {
        Code = 413,
        Status = "Request Entity Too Large",
        Message = "The request body is too large",
        Reason = $"The request body must not be larger than {Options.MaxRequestBodySize} bytes.",
    };

    /// <summary>
    /// Writes Kratos's error body, with a <c>Retry-After</c> header (whole seconds) when <paramref name="retryAfter"/> is
    /// given; does nothing when the response already started.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, OryError error, TimeSpan? retryAfter = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await WriteJsonAsync(context, error.Code, new OryErrorEnvelope(error)).ConfigureAwait(false);
    }

    /// <summary>Writes a wire type as Kratos's JSON.</summary>
    public static async Task WriteJsonAsync<T>(HttpContext context, int status, T value)
    {
        var bytes = OryIdentityJson.SerializeToUtf8Bytes(value);
        await WriteRawJsonAsync(context, status, bytes).ConfigureAwait(false);
    }

    /// <summary>Writes JSON bytes.</summary>
    public static async Task WriteRawJsonAsync(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Kratos's request-decoder checks (ory/x decoderx), in its order: a body must not be empty (its
    /// <c>Content-Length</c> must not be zero), and its content type must be one of <paramref name="allowed"/>.
    /// </summary>
    public static void EnsureDecodableBody(HttpRequest request, params string[] allowed)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !IsChunked(request)))
        {
            throw EmptyBody();
        }

        EnsureContentType(request, allowed);
    }

    /// <summary>Refuses a body whose media type is not one of <paramref name="allowed"/>, with Kratos's decoder text.</summary>
    public static void EnsureContentType(HttpRequest request, params string[] allowed)
    {
        var mediaType = MediaTypeOf(request.ContentType);
        if (!allowed.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(
                $"HTTP {request.Method} Request used unknown HTTP Header \"Content-Type: {request.ContentType}\", only [{string.Join(' ', allowed)}] are supported.");
        }
    }

    /// <summary>The media type without parameters, lower-cased (<c>application/json</c>); empty when none.</summary>
    public static string MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return string.Empty;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    public static InvalidRequestException EmptyBody() =>
        new("Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero.");

    /// <summary>Whether a request without <c>Content-Length</c> still carries a body (chunked, or HTTP/2 and later).</summary>
    internal static bool IsChunked(HttpRequest request) =>
        request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase)
        || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;

    /// <summary>
    /// Reads a JSON body as Kratos's decoder does: <see cref="EnsureDecodableBody"/> with <see cref="JsonContentType"/>,
    /// then <see cref="ReadBodyAsync"/>, refusing an empty one (a chunked body can turn out empty).
    /// </summary>
    public async Task<byte[]> ReadJsonBodyAsync(HttpContext context)
    {
        EnsureDecodableBody(context.Request, JsonContentType);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return body.Length == 0 ? throw EmptyBody() : body;
    }

    /// <summary>
    /// Reads the whole body, refusing (413) one over <see cref="OryIdentityHttpOptions.MaxRequestBodySize"/> before
    /// buffering more than the limit. A body that is not a form is JSON to every endpoint, and its text that is not valid
    /// Unicode is replaced with U+FFFD as Kratos's Go decoder reads it (<see cref="OryIdentityJson.ReplaceInvalidUnicode"/>),
    /// so no decoder downstream meets a string it cannot read.
    /// </summary>
    public async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var limit = Options.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(TooLarge());
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize > limit))
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > limit)
            {
                throw new PayloadTooLargeException(TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        return MediaTypeOf(context.Request.ContentType) == FormContentType ? body : OryIdentityJson.ReplaceInvalidUnicode(body);
    }

    /// <summary>Parses a JSON document with Ory.Identity's depth limit; malformed JSON is Kratos's 400.</summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = OryIdentityJson.MaxDepth });
        }
        catch (JsonException e)
        {
            throw DecodeError(e);
        }
    }

    /// <summary>Kratos's 400 for a JSON decoder error: the decoder text in <c>message</c>, no .NET positions or paths.</summary>
    public static InvalidRequestException DecodeError(JsonException e)
    {
        var text = e.Message;
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = text.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                text = text[..cut];
            }
        }

        var message = text.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
            || text.Contains("Expected a value, but instead reached end of data", StringComparison.Ordinal)
            || text.Contains("Expected depth to be zero at the end of the JSON payload", StringComparison.Ordinal)
            ? "unexpected end of JSON input"
            : "json: " + text.Trim();
        return InvalidRequestException.WithMessage(message);
    }

    public static InvalidRequestException UnknownField(string name) => InvalidRequestException.WithMessage($"json: unknown field \"{name}\"");

    /// <summary>Kratos's 400 for an <c>expires_in</c> that is not a Go duration.</summary>
    public static InvalidRequestException UnparsableExpiresIn(string raw) =>
        new($"Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): {raw}");
}

/// <summary>A request body over the configured limit (413).</summary>
internal sealed class PayloadTooLargeException(OryError error) : OryIdentityException(error, "The request body is over the configured limit.");
