using System.Security.Claims;

namespace Ory.Identity.AspNetCore;

/// <summary>The claims of a principal authenticated with an Ory session (cookie or session token).</summary>
public static class OrySessionClaimTypes
{
    /// <summary>The identity's id (also the principal's name, and <see cref="ClaimTypes.NameIdentifier"/>); the same claim type as <see cref="OryApiKeyClaimTypes.IdentityId"/>.</summary>
    public const string IdentityId = OryApiKeyClaimTypes.IdentityId;

    /// <summary>The identity's schema id; the same claim type as <see cref="OryApiKeyClaimTypes.SchemaId"/>.</summary>
    public const string SchemaId = OryApiKeyClaimTypes.SchemaId;

    /// <summary>The session id (never the token).</summary>
    public const string SessionId = "ory_session_id";

    /// <summary>The session's assurance level: <c>aal1</c>, <c>aal2</c>, ….</summary>
    public const string AuthenticatorAssuranceLevel = "ory_aal";

    /// <summary>One claim per authentication method of the session, oldest first (<c>password</c>, <c>code_recovery</c>, …).</summary>
    public const string AuthenticationMethod = "ory_amr";

    /// <summary>When the session was last (re-)authenticated, RFC 3339.</summary>
    public const string AuthenticatedAt = "ory_authenticated_at";

    /// <summary>When the session expires, RFC 3339.</summary>
    public const string ExpiresAt = "ory_expires_at";
}
