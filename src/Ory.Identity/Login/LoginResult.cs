namespace Ory.Identity;

/// <summary>A successful login: the session and the flow it completed.</summary>
/// <param name="Flow">The login flow, now <c>passed_challenge</c>.</param>
/// <param name="Session">The session: new, or the current one re-authenticated by a refresh login.</param>
/// <param name="Issued">The new session with its token (shown once); null when a refresh login kept the current session and token.</param>
public sealed record LoginResult(LoginFlow Flow, Session Session, IssuedSession? Issued)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"LoginResult {{ Flow = {Flow}, Session = {Session}, NewSession = {Issued is not null} }}";
}
