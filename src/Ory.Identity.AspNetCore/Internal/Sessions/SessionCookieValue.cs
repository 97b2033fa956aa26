using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>What a session cookie holds.</summary>
/// <param name="Token">The session token (a secret).</param>
/// <param name="ExpiresAt">The session's <c>expires_at</c> when the cookie was issued.</param>
internal sealed record SessionCookieValue(string Token, Instant ExpiresAt)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"SessionCookieValue {{ ExpiresAt = {ExpiresAt} }}";
}
