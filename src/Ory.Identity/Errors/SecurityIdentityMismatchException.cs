namespace Ory.Identity;

/// <summary>
/// A 403 <c>security_identity_mismatch</c>: the settings flow belongs to another identity than the session's (Kratos's
/// selfservice/flow/settings/handler.go). Nothing is read from or written to the flow.
/// </summary>
public sealed class SecurityIdentityMismatchException : OryIdentityException
{
    private SecurityIdentityMismatchException(string reason)
        : base(CreateError(403, OryErrorTexts.Forbidden, reason, "security_identity_mismatch"), reason)
    {
    }

    /// <summary>Reading another identity's flow.</summary>
    internal static SecurityIdentityMismatchException OnRead() =>
        new("The request was made for another identity and has been blocked for security reasons.");

    /// <summary>Submitting to another identity's flow.</summary>
    internal static SecurityIdentityMismatchException OnSubmit() =>
        new("The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.");
}
