using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's 403 <c>security_csrf_violation</c> (x/nosurfx/nosurf.go, <c>CSRFErrorReason</c>): <c>details</c> carries the
/// docs link, a <c>hint</c> for AJAX (<c>Sec-Fetch-Mode</c> <c>cors</c> or <c>same-origin</c>) or server-side callers and
/// a <c>reject_reason</c> (no cookies, no CSRF cookie, no match); a non-JSON request that sent no token gets only the
/// "token not sent" hint.
/// </summary>
internal sealed class CsrfViolationException : OryIdentityException
{
    public const string ErrorReason = "Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.";
    public const string ErrorMessage = "the request was rejected to protect you from Cross-Site-Request-Forgery";
    public const string Docs = "https://www.ory.com/docs/troubleshooting/csrf";
    public const string NoCookie = "The HTTP Cookie Header is empty or not set.";
    public const string CookieMissing = "The HTTP Cookie Header was set but did not include the anti-CSRF cookie.";
    public const string TokenNotSent = "The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).";
    public const string TokenMismatch = "The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.";
    public const string AjaxHint = "We detected an AJAX call, please ensure that CORS is enabled and configured correctly, and that your AJAX code sends cookies and has credentials enabled. For further debugging, check your Browser's Network Tab to see what cookies are included or excluded.";
    public const string ServerHint = "We detected a regular browser or server-side call. To debug browser calls check your Browser's Network Tab to see what cookies are included or excluded. If you are calling from a server ensure that the appropriate cookies are being forwarded and that the SDK method is called correctly.";

    private CsrfViolationException(string hint, string? rejectReason)
        : base(
            new OryError
            {
                Code = StatusCodes.Status403Forbidden,
                Status = "Forbidden",
                Id = "security_csrf_violation",
                Message = ErrorMessage,
                Reason = ErrorReason,
                Details = Details(hint, rejectReason),
            },
            "The request was rejected as a possible cross-site request forgery.")
    {
    }

    /// <summary>The error Kratos gives for this request.</summary>
    /// <param name="request">The refused request.</param>
    /// <param name="hasCookie">Whether it carried the CSRF cookie.</param>
    /// <param name="tokenSent">Whether it carried a token (in the body).</param>
    public static CsrfViolationException For(HttpRequest request, bool hasCookie, bool tokenSent)
    {
        var mode = request.Headers["Sec-Fetch-Mode"].ToString();
        var hint = mode is "cors" or "same-origin" ? AjaxHint : ServerHint;
        if (request.Headers.Cookie.ToString().Length == 0)
        {
            return new CsrfViolationException(hint, NoCookie);
        }

        if (!hasCookie)
        {
            return new CsrfViolationException(hint, CookieMissing);
        }

        if (!request.ContentType.AsSpan().StartsWith("application/json", StringComparison.Ordinal)
            && request.Headers[CsrfProtection.HeaderName].ToString().Length == 0
            && !tokenSent)
        {
            return new CsrfViolationException(TokenNotSent, null);
        }

        return new CsrfViolationException(hint, TokenMismatch);
    }

    private static JsonElement Details(string hint, string? rejectReason)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("docs", Docs);
            writer.WriteString("hint", hint);
            if (rejectReason is not null)
            {
                writer.WriteString("reject_reason", rejectReason);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
