namespace Ory.Identity;

/// <summary>
/// The base of every expected failure: it carries Kratos's <see cref="OryError"/> (status, reason, id) so that an HTTP
/// host can answer exactly as Kratos. <see cref="Exception.Message"/> never contains traits, hashes, tokens or codes.
/// </summary>
public abstract class OryIdentityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Kratos's error object.</param>
    /// <param name="safeMessage">The exception message; must not contain secrets or personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected OryIdentityException(OryError error, string safeMessage, Exception? innerException = null)
        : base(safeMessage, innerException)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>Kratos's error object for this failure.</summary>
    public OryError Error { get; }

    /// <summary>The HTTP status code Kratos answers with.</summary>
    public int StatusCode => Error.Code;

    /// <summary>Builds an error object with Kratos's status text and class message.</summary>
    protected static OryError CreateError(int code, string message, string? reason, string? id = null) => new()
    {
        Code = code,
        Status = OryErrorTexts.StatusOf(code),
        Message = message,
        Reason = reason,
        Id = id,
    };
}
