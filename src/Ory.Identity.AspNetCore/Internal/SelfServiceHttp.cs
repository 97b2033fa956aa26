using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// What the recovery, settings and login endpoints share per request (Kratos's selfservice/flow/request.go,
/// session/manager_http.go, x/nosurfx): the caller's session, the CSRF token rendered into a flow's <c>csrf_token</c>
/// node and checked on browser submissions, the session cookie, the device a new session records, and <c>return_to</c>.
/// </summary>
internal sealed class SelfServiceHttp(
    HttpSessions sessions,
    CsrfProtection csrf,
    SessionSettings sessionSettings,
    SelfServiceFlowSettings flows,
    ReturnToUrls returnToUrls)
{
    /// <summary>The parsed settings, login, logout and error flow configuration.</summary>
    public SelfServiceFlowSettings Flows => flows;

    /// <summary><c>feature_flags.use_continue_with_transitions</c> (default true in Ory.Identity).</summary>
    public bool UseContinueWithTransitions => sessionSettings.UseContinueWithTransitions;

    /// <summary><c>serve.public.base_url</c> without a trailing slash.</summary>
    public string PublicBaseUrl => flows.PublicBaseUrl;

    /// <summary>The request's active session and its token; null when none.</summary>
    public Task<(Session Session, PresentedSessionToken Token)?> SessionAsync(HttpContext context) => sessions.AuthenticateAsync(context);

    /// <summary>
    /// <paramref name="ui"/> with a freshly masked CSRF token in its <c>csrf_token</c> node (setting the CSRF cookie when
    /// the request has none), as Kratos renders browser flows.
    /// </summary>
    public UiContainer WithCsrfToken(HttpContext context, UiContainer ui)
    {
        var token = csrf.IssueToken(context);
        return ui with
        {
            Nodes = [.. ui.Nodes.Select(n => n.Attributes.Name == CsrfProtection.FieldName ? n with { Attributes = n.Attributes with { Value = token } } : n)],
        };
    }

    /// <summary>Sets the CSRF cookie when the request has none (a browser flow starts), without rendering a token.</summary>
    public void EnsureCsrfCookie(HttpContext context) => csrf.IssueToken(context);

    /// <summary>Checks a browser submission's <c>csrf_token</c> (body field or <c>X-CSRF-Token</c>) against the CSRF cookie.</summary>
    /// <exception cref="CsrfViolationException">Kratos's 403 <c>security_csrf_violation</c>.</exception>
    public void VerifyCsrf(HttpContext context, SelfServiceSubmission submission) => csrf.Verify(context, submission.CsrfToken(context.Request));

    /// <summary>
    /// Refuses a browser flow read without the CSRF cookie (Kratos compares the login flow's stored token with the
    /// cookie; Ory.Identity's flows keep no token, so the cookie must be present).
    /// </summary>
    /// <exception cref="CsrfViolationException">Kratos's 403 <c>security_csrf_violation</c>.</exception>
    public void RequireCsrfCookie(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(csrf.CookieName))
        {
            throw CsrfViolationException.For(context.Request, hasCookie: false, tokenSent: true);
        }
    }

    /// <summary>Sets (or re-issues) the session cookie for <paramref name="token"/>.</summary>
    public void IssueSessionCookie(HttpContext context, string token, Session session) =>
        sessions.Cookie.Issue(context, token, session.ExpiresAt);

    /// <summary>Regenerates the CSRF secret, as Kratos does when a new identity signs in.</summary>
    public void RegenerateCsrf(HttpContext context) => csrf.Regenerate(context);

    /// <summary>
    /// The device a new session records (session/session.go SetSessionDeviceInformation): the client address, every
    /// <c>User-Agent</c> value joined by a space, and <c>Cf-Ipcity</c>, <c>Cf-Ipcountry</c> joined by ", ".
    /// </summary>
    public static SessionDevice Device(HttpContext context)
    {
        var headers = context.Request.Headers;
        var location = string.Join(", ", new[] { headers["Cf-Ipcity"].ToString(), headers["Cf-Ipcountry"].ToString() }.Where(s => s.Length > 0));
        return new SessionDevice
        {
            Id = Guid.NewGuid(),
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = headers.UserAgent.Count == 0 ? null : string.Join(' ', headers.UserAgent.Where(v => v is not null)),
            Location = location,
        };
    }

    /// <summary>
    /// The <c>return_to</c> query parameter, checked against <c>selfservice.allowed_return_urls</c> when a flow starts;
    /// null when absent.
    /// </summary>
    /// <exception cref="ReturnToForbiddenException">Not allowed (400 <c>self_service_flow_return_to_forbidden</c>).</exception>
    public Uri? ReturnTo(HttpRequest request)
    {
        var text = KratosQuery.Get(request.Query, "return_to");
        return text.Length == 0 ? null : returnToUrls.Resolve(text, DefaultReturnUrl());
    }

    /// <summary>
    /// The <c>return_to</c> query parameter of a recovery flow, which has no default URL to resolve a relative one
    /// against: absolute (the core checks the allow-list), else refused as sent; null when absent.
    /// </summary>
    /// <exception cref="ReturnToForbiddenException">Not an absolute URL.</exception>
    public static Uri? AbsoluteReturnTo(HttpRequest request)
    {
        var text = KratosQuery.Get(request.Query, "return_to");
        if (text.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new ReturnToForbiddenException(text);
    }

    /// <summary>
    /// Where a completed browser flow goes (Kratos's <c>SecureRedirectTo</c>): the allowed <c>return_to</c> of its request
    /// URL, else the first configured of <paramref name="fallbacks"/>.
    /// </summary>
    public string RedirectAfter(string requestUrl, params string?[] fallbacks)
    {
        var fallback = fallbacks.FirstOrDefault(f => !string.IsNullOrEmpty(f)) ?? DefaultReturnUrl().ToString();
        return returnToUrls.Resolve(FlowRequestUrl.ReturnToOf(requestUrl), new Uri(fallback)).ToString();
    }

    /// <summary><c>selfservice.default_browser_return_url</c>, else the public base URL.</summary>
    public Uri DefaultReturnUrl() => returnToUrls.DefaultBrowserReturnUrl;

    /// <summary>The type of a stored login or settings flow; null when there is none (for error forwarding).</summary>
    public static async ValueTask<SelfServiceFlowType?> FlowTypeAsync(HttpContext context, Guid flowId, SelfServiceFlowKind kind) =>
        (await context.RequestServices.GetRequiredService<ISelfServiceFlowStore>().GetAsync(flowId, kind, context.RequestAborted).ConfigureAwait(false))?.Type;

    /// <summary>The type of a stored recovery flow; null when there is none (for error forwarding).</summary>
    public static async ValueTask<SelfServiceFlowType?> RecoveryFlowTypeAsync(HttpContext context, Guid flowId) =>
        (await context.RequestServices.GetRequiredService<IRecoveryStore>().GetFlowAsync(flowId, context.RequestAborted).ConfigureAwait(false))?.Type;
}
