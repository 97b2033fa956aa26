using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore;

/// <summary>Reads what API key authentication found for a request.</summary>
public static class OryApiKeyHttpContextExtensions
{
    /// <summary>
    /// The outcome of API key authentication for this request (the machine identity and key on success, the failure
    /// otherwise); null when the request carried no API key or the scheme has not run.
    /// </summary>
    /// <param name="context">The request.</param>
    public static ApiKeyAuthenticationResult? GetApiKeyAuthentication(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ApiKeyAuthenticationResult>();
    }
}
