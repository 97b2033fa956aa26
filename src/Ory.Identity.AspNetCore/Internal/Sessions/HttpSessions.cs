using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Finds and authenticates the session a request presents, in Kratos's order (session/manager_http.go,
/// <c>extractToken</c>): the <c>X-Session-Token</c> header, then the session cookie (when it decrypts), then
/// <c>Authorization: Bearer &lt;token&gt;</c> (the header split on spaces into exactly two parts, the scheme compared
/// case-insensitively).
/// </summary>
internal sealed class HttpSessions(SessionCookie cookie, ISessionManager sessions)
{
    /// <summary>The header holding a session token.</summary>
    public const string SessionTokenHeader = "X-Session-Token";

    /// <summary>The session cookie.</summary>
    public SessionCookie Cookie => cookie;

    /// <summary>The token the request presents; null when none.</summary>
    public PresentedSessionToken? Find(HttpRequest request)
    {
        var header = request.Headers[SessionTokenHeader].ToString();
        if (header.Length > 0)
        {
            return new PresentedSessionToken(header, SessionTokenSource.Header, null);
        }

        if (cookie.Read(request.HttpContext) is { } value)
        {
            return new PresentedSessionToken(value.Token, SessionTokenSource.Cookie, value);
        }

        return BearerToken(request) is { } bearer ? new PresentedSessionToken(bearer, SessionTokenSource.Bearer, null) : null;
    }

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>'s token; null unless the header is exactly two space-separated parts.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var parts = request.Headers.Authorization.ToString().Split(' ');
        return parts.Length == 2 && string.Equals(parts[0], "bearer", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    /// <summary>The request's active session (identity and devices loaded) and its token; null when there is none.</summary>
    public async Task<(Session Session, PresentedSessionToken Token)?> AuthenticateAsync(HttpContext context)
    {
        if (Find(context.Request) is not { } presented)
        {
            return null;
        }

        var session = await sessions.AuthenticateAsync(presented.Token, context.RequestAborted).ConfigureAwait(false);
        return session is null ? null : (session, presented);
    }
}
