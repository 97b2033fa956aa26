namespace Ory.Identity;

/// <summary>
/// A 400 <c>self_service_flow_return_to_forbidden</c>: a <c>return_to</c> URL outside <c>selfservice.allowed_return_urls</c>
/// (Kratos's x/redir/secure_redirect.go). The URL is quoted only in <see cref="OryError.Reason"/>.
/// </summary>
public sealed class ReturnToForbiddenException : InvalidRequestException
{
    /// <summary>Creates the exception with Kratos's texts.</summary>
    /// <param name="returnTo">The refused URL, as sent.</param>
    public ReturnToForbiddenException(string returnTo)
        : base(CreateError(400, OryErrorTexts.BadRequest, $"Requested return_to URL \"{returnTo}\" is not allowed.", "self_service_flow_return_to_forbidden"), "The return_to URL is not allowed.")
    {
    }
}
