namespace Ory.Identity;

/// <summary>
/// A 400 <c>session_already_available</c>: a login flow was asked for while a session exists and without
/// <c>refresh</c> (Kratos's selfservice/flow/login/handler.go).
/// </summary>
public sealed class SessionAlreadyAvailableException : OryIdentityException
{
    private const string Reason = "A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?";

    /// <summary>Creates the exception with Kratos's texts.</summary>
    public SessionAlreadyAvailableException()
        : base(CreateError(400, "you are already logged in", Reason, "session_already_available"), Reason)
    {
    }
}
