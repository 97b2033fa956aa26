using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ory.Identity.QuickStart;

/// <summary>
/// The QuickStart's own limits on the request target and the headers: 414 and 431 answered by the app, so they carry
/// Kratos's JSON error body (through <c>UseOryIdentityErrors</c>). Kestrel's limits are raised a little above these:
/// what Kestrel refuses itself, before the app runs, gets Kestrel's empty body, and only requests past its higher
/// limits still do.
/// </summary>
internal static class RequestSizeLimits
{
    /// <summary>The longest request target (path and query) the app serves: Kestrel's default request line limit.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>The largest total of header names and values the app serves: Kestrel's default header limit.</summary>
    public const int MaxRequestHeadersTotalSize = 32 * 1024;

    /// <summary>Raises Kestrel's limits to twice the app's, so requests between the two reach the app.</summary>
    public static void RaiseKestrelLimits(KestrelServerOptions options)
    {
        options.Limits.MaxRequestLineSize = 2 * MaxRequestTargetLength;
        options.Limits.MaxRequestHeadersTotalSize = 2 * MaxRequestHeadersTotalSize;
    }

    /// <summary>Answers 414 or 431 (body left to the error middleware) for requests over the app's limits.</summary>
    public static Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var targetLength = string.IsNullOrEmpty(raw)
            ? context.Request.PathBase.Add(context.Request.Path).Add(context.Request.QueryString).ToString().Length
            : raw.Length;
        if (targetLength > MaxRequestTargetLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return Task.CompletedTask;
        }

        var headers = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers += name.Length + (value?.Length ?? 0);
            }
        }

        if (headers > MaxRequestHeadersTotalSize)
        {
            context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
