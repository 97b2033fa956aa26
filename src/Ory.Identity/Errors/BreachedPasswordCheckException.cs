namespace Ory.Identity;

/// <summary>
/// The breached-password range API could not be asked (network error, timeout, non-200 status) or answered nonsense:
/// Kratos's 502 <c>upstream_error</c>. Ignored (the password is accepted) when
/// <c>selfservice.methods.password.config.ignore_network_errors</c> is on, the default.
/// </summary>
public sealed class BreachedPasswordCheckException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="detail">What went wrong, without the password or its hash.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BreachedPasswordCheckException(string detail, Exception? innerException = null)
        : base(CreateError(502, "Leaked password server unavailable", detail, "upstream_error"), detail, innerException)
    {
    }
}
