namespace Ory.Identity;

/// <summary>
/// Issues, authenticates and ends sessions (Kratos's session manager and session handlers). A session token is shown
/// once, when issued; the store keeps only its keyed hash. Expiry follows the injected clock; nothing extends a session
/// implicitly.
/// </summary>
public interface ISessionManager
{
    /// <summary>
    /// Issues a session for an identity that just authenticated: <c>authenticated_at</c> = <c>issued_at</c> = now,
    /// <c>expires_at</c> = now + <c>session.lifespan</c>, one authentication method at aal1, one device entry.
    /// </summary>
    /// <param name="identityId">The identity.</param>
    /// <param name="method">How it authenticated, e.g. <see cref="SessionAuthenticationMethods.Password"/>.</param>
    /// <param name="device">Where from; null records an entry without address or user agent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="IdentityNotFoundException">No such identity (404).</exception>
    /// <exception cref="IdentityDisabledException">The identity is inactive (400, <c>identity_disabled</c>).</exception>
    Task<IssuedSession> IssueAsync(Guid identityId, string method, SessionDevice? device = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whoami: the session a token belongs to, with its identity (public view) and devices, when it is active — not
    /// revoked, not expired, and its identity active. Null otherwise (Kratos answers all of these with the same 401).
    /// </summary>
    /// <param name="token">The presented session token; null or malformed gives null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Session?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-authentication of an existing session (a refresh login): appends <paramref name="method"/>, sets
    /// <c>authenticated_at</c> to now and <c>expires_at</c> to now + <c>session.lifespan</c>. Id and token stay.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session (404).</exception>
    Task<Session> ReauthenticateAsync(Guid sessionId, string method, CancellationToken cancellationToken = default);

    /// <summary>Reads a session, active or not.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="expand">What to load besides the session.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="SessionNotFoundException">No such session (404).</exception>
    Task<Session> GetAsync(Guid sessionId, SessionExpand expand = SessionExpand.None, CancellationToken cancellationToken = default);

    /// <summary>Lists sessions, newest first, with keyset paging (Kratos's <c>GET /admin/sessions</c>).</summary>
    Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the sessions of one identity, newest first (identity and devices loaded).</summary>
    /// <param name="identityId">The identity.</param>
    /// <param name="active">Only active (true) or only inactive (false) sessions; null for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Session>> ListByIdentityAsync(Guid identityId, bool? active = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a session (it stays stored, inactive).</summary>
    /// <exception cref="SessionNotFoundException">No such session (404).</exception>
    Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active session of an identity except <paramref name="exceptSessionId"/>; returns how many.</summary>
    Task<int> RevokeAllAsync(Guid identityId, Guid? exceptSessionId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every session of an identity; returns how many.</summary>
    Task<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends a session to now + <c>session.lifespan</c> when <c>session.earliest_possible_extend</c> allows it (always,
    /// by default); otherwise leaves it unchanged. Revoked and expired sessions are extended too (they stay revoked).
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session (404).</exception>
    Task<Session> ExtendAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>The logout token of a session (<c>ory_lo_…</c>), for <c>/self-service/logout?token=</c>. A secret.</summary>
    string GetLogoutToken(Session session);

    /// <summary>Whether <paramref name="logoutToken"/> is the session's logout token (constant time).</summary>
    bool IsLogoutToken(Session session, string? logoutToken);
}
