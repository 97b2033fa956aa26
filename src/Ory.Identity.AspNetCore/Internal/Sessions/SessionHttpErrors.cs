namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Kratos's errors of the session and logout endpoints (session/handler.go, selfservice/flow/logout/handler.go).</summary>
internal static class SessionHttpErrors
{
    /// <summary>Whoami's 401: no token, or an unknown, revoked or expired one, or an inactive identity.</summary>
    public static OryIdentityException NoCredentials() => Unauthorized("No valid session credentials found in the request.");

    /// <summary>The 401 of <c>GET</c>/<c>DELETE /sessions</c> and <c>DELETE /sessions/{id}</c> without a session.</summary>
    public static OryIdentityException NoSessionCookie() => Unauthorized("No valid session cookie found.");

    /// <summary>The 401 <c>session_inactive</c> of the logout endpoints without a session.</summary>
    public static OryIdentityException Inactive() => new SessionHttpException(
        new OryError
        {
            Code = 401,
            Status = "Unauthorized",
            Id = "session_inactive",
            Message = "request does not have a valid authentication session",
            Reason = "No active session was found in this request.",
        },
        "No active session was found in this request.");

    /// <summary>A 400 with Kratos's generic message and <paramref name="reason"/>.</summary>
    public static OryIdentityException BadRequest(string reason) => new InvalidRequestException(reason);

    /// <summary>A 403 with Kratos's generic message and <paramref name="reason"/>.</summary>
    public static OryIdentityException Forbidden(string reason) => new SessionHttpException(
        new OryError { Code = 403, Status = "Forbidden", Message = "The requested action was forbidden", Reason = reason },
        reason);

    private static SessionHttpException Unauthorized(string reason) => new(
        new OryError { Code = 401, Status = "Unauthorized", Message = "The request could not be authorized", Reason = reason },
        reason);

    /// <summary>An error of these endpoints; its texts quote no request data.</summary>
    private sealed class SessionHttpException(OryError error, string safeMessage) : OryIdentityException(error, safeMessage);
}
