namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// The recovery link as the admin API writes it (<c>selfservice.methods.link.config.base_url</c> is this UI, so the
/// link is <c>http://127.0.0.1:4455/self-service/recovery?flow=…&amp;token=…</c>): 303 to the same path and query on
/// the public API, which redeems it, sets the session cookie and answers 303 to the settings page (or, for an expired
/// or used link, to the recovery page with Kratos's message on a new flow). The query is never logged or shown.
/// </summary>
internal static class RecoveryLinkForward
{
    /// <summary>The path the link uses.</summary>
    public const string Path = "/self-service/recovery";

    /// <summary>Serves the link.</summary>
    public static void Handle(HttpContext context, PublicApiClient api)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = api.BaseUrl + Path + context.Request.QueryString;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
