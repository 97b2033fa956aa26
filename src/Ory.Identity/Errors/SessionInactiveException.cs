namespace Ory.Identity;

/// <summary>
/// A 401 <c>session_inactive</c>: the session given to a settings operation is revoked, expired, unknown or belongs to
/// an inactive identity (Kratos's session/manager_http.go).
/// </summary>
public sealed class SessionInactiveException : OryIdentityException
{
    private const string Reason = "No active session was found in this request.";

    /// <summary>Creates the exception with Kratos's texts.</summary>
    public SessionInactiveException()
        : base(CreateError(401, "request does not have a valid authentication session", Reason, "session_inactive"), Reason)
    {
    }
}
