namespace Ory.Identity.AspNetCore.Internal;

/// <summary>A session token found in a request, and where.</summary>
/// <param name="Token">The token (a secret).</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Cookie">The decoded session cookie when <paramref name="Source"/> is the cookie.</param>
internal sealed record PresentedSessionToken(string Token, SessionTokenSource Source, SessionCookieValue? Cookie)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"PresentedSessionToken {{ Source = {Source} }}";
}
