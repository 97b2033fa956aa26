using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore;

/// <summary>Reads what session authentication found for a request.</summary>
public static class OrySessionHttpContextExtensions
{
    /// <summary>
    /// The session that authenticated this request (identity and devices loaded); null when the request presented no
    /// active session or the scheme has not run.
    /// </summary>
    /// <param name="context">The request.</param>
    public static Session? GetOrySession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Session>();
    }
}
