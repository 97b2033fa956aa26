namespace Ory.Identity;

/// <summary>A new session and its token, handed out once. The token is a secret: it is stored only as a keyed hash.</summary>
/// <param name="Session">The session.</param>
/// <param name="Token">The session token (<c>ory_st_…</c>), for the <c>X-Session-Token</c> header or the session cookie.</param>
public sealed record IssuedSession(Session Session, string Token)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"IssuedSession {{ Session = {Session} }}";
}
