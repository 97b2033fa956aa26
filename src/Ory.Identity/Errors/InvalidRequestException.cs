namespace Ory.Identity;

/// <summary>
/// A 400: the request was malformed or had invalid parameters (bad JSON, unknown field, bad page token, filters
/// combined, invalid state, …).
/// </summary>
public class InvalidRequestException : OryIdentityException
{
    /// <summary>Creates a 400 with Kratos's generic message and a specific reason.</summary>
    /// <param name="reason">Kratos's reason text; must not contain secrets.</param>
    public InvalidRequestException(string reason)
        : base(CreateError(400, OryErrorTexts.BadRequest, reason), reason)
    {
    }

    /// <summary>Creates a 400 from a full error object, with a separate message safe for logs.</summary>
    /// <param name="error">Kratos's error object.</param>
    /// <param name="safeMessage">The exception message; must not contain secrets or personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InvalidRequestException(OryError error, string safeMessage, Exception? innerException = null)
        : base(error, safeMessage, innerException)
    {
    }

    /// <summary>
    /// A 400 whose <c>message</c> is a specific text and whose <c>reason</c> is empty or given, as Kratos answers
    /// decoder errors (<c>json: unknown field "id"</c>) and denied patch paths.
    /// </summary>
    /// <param name="message">Kratos's message text.</param>
    /// <param name="reason">Kratos's reason, if any.</param>
    public static InvalidRequestException WithMessage(string message, string? reason = null) =>
        new(CreateError(400, message, reason), reason is null ? message : $"{reason}: {message}");
}
