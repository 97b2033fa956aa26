using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore;

/// <summary>Kratos's error bodies for the responses the endpoints themselves do not write.</summary>
public static class OryIdentityApplicationBuilderExtensions
{
    /// <summary>
    /// Gives every error response of the pipeline after this call Kratos's JSON error body
    /// (<c>{"error":{"code":…,"status":…,"message":…}}</c>) when nothing wrote one: routing's 404 (no route) and 405
    /// (method not allowed, <c>Allow</c> kept), authentication's 401 (<c>WWW-Authenticate</c> kept) and authorization's
    /// 403, a bare status set by the host's own middleware, and the 400/408/413/… Kestrel raises while the app reads a
    /// body. An exception nothing handled becomes Kratos's generic 500, logged as in the endpoints (event 3001, type and
    /// stack, no message). Bodies already written (the host's own JSON, problem details, files) are left as they are,
    /// and an endpoint can opt out with <c>context.Features.Get&lt;IStatusCodePagesFeature&gt;()!.Enabled = false</c>.
    /// It affects every endpoint behind it, the host's own included: call it first in a pipeline that serves only
    /// Ory.Identity's APIs, or scope it with <c>app.UseWhen(…, b =&gt; b.UseOryIdentityErrors())</c>. Requests Kestrel
    /// rejects before the app runs (a malformed request line or header, a request line or headers over Kestrel's
    /// limits) keep Kestrel's empty body; see docs/http-api.md.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddOryIdentityHttp()</c> was not called.</exception>
    public static IApplicationBuilder UseOryIdentityErrors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var http = OryIdentityHttp.From(app.ApplicationServices);
        return app.Use(next => http.Handle(async context =>
        {
            context.Features.Set<IStatusCodePagesFeature>(new StatusCodePagesFeature());
            await next(context).ConfigureAwait(false);
            await OryIdentityHttp.WriteEmptyErrorBodyAsync(context).ConfigureAwait(false);
        }));
    }
}
