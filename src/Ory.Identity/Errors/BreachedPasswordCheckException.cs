namespace Ory.Identity;

/// <summary>
/// The breached-password range API could not be asked (network error, timeout, non-200 status) or answered nonsense:
/// Kratos's 502 <c>upstream_error</c>. When <see cref="IsNetworkError"/> and
/// <c>selfservice.methods.password.config.ignore_network_errors</c> is on (the default), the password is accepted
/// instead; a malformed answer is a 502 either way, as in Kratos.
/// </summary>
public sealed class BreachedPasswordCheckException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="detail">What went wrong, without the password or its hash.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    /// <param name="isNetworkError">
    /// True (default) when the API could not be reached, timed out or answered a non-200 status, which
    /// <c>ignore_network_errors</c> may ignore; false when it answered a malformed body.
    /// </param>
    public BreachedPasswordCheckException(string detail, Exception? innerException = null, bool isNetworkError = true)
        : base(CreateError(502, "Leaked password server unavailable", detail, "upstream_error"), detail, innerException)
    {
        IsNetworkError = isNetworkError;
    }

    /// <summary>
    /// Whether the API could not be asked (network error, timeout, non-200 status), so that
    /// <c>ignore_network_errors</c> accepts the password; false for a malformed answer, always a 502.
    /// </summary>
    public bool IsNetworkError { get; }
}
