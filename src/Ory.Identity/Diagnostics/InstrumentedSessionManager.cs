namespace Ory.Identity;

/// <summary>Traces and times every <see cref="ISessionManager"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedSessionManager(ISessionManager inner) : ISessionManager
{
    private static readonly OryIdentityOperation Issue = new("session.issue");
    private static readonly OryIdentityOperation Authenticate = new("session.authenticate");
    private static readonly OryIdentityOperation Reauthenticate = new("session.reauthenticate");
    private static readonly OryIdentityOperation Get = new("session.get");
    private static readonly OryIdentityOperation List = new("session.list");
    private static readonly OryIdentityOperation ListByIdentity = new("session.list_by_identity");
    private static readonly OryIdentityOperation Revoke = new("session.revoke");
    private static readonly OryIdentityOperation RevokeAll = new("session.revoke_all");
    private static readonly OryIdentityOperation DeleteByIdentity = new("session.delete_by_identity");
    private static readonly OryIdentityOperation Extend = new("session.extend");

    public Task<IssuedSession> IssueAsync(Guid identityId, string method, SessionDevice? device = null, CancellationToken cancellationToken = default) =>
        Issue.RunAsync((inner, identityId, method, device, cancellationToken), static s => s.inner.IssueAsync(s.identityId, s.method, s.device, s.cancellationToken));

    public Task<Session?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default) =>
        Authenticate.RunAsync((inner, token, cancellationToken), static s => s.inner.AuthenticateAsync(s.token, s.cancellationToken));

    public Task<Session> ReauthenticateAsync(Guid sessionId, string method, CancellationToken cancellationToken = default) =>
        Reauthenticate.RunAsync((inner, sessionId, method, cancellationToken), static s => s.inner.ReauthenticateAsync(s.sessionId, s.method, s.cancellationToken));

    public Task<Session> GetAsync(Guid sessionId, SessionExpand expand = SessionExpand.None, CancellationToken cancellationToken = default) =>
        Get.RunAsync((inner, sessionId, expand, cancellationToken), static s => s.inner.GetAsync(s.sessionId, s.expand, s.cancellationToken));

    public Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default) =>
        List.RunAsync((inner, query, cancellationToken), static s => s.inner.ListAsync(s.query, s.cancellationToken));

    public Task<IReadOnlyList<Session>> ListByIdentityAsync(Guid identityId, bool? active = null, CancellationToken cancellationToken = default) =>
        ListByIdentity.RunAsync((inner, identityId, active, cancellationToken), static s => s.inner.ListByIdentityAsync(s.identityId, s.active, s.cancellationToken));

    public Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        Revoke.RunAsync((inner, sessionId, cancellationToken), static s => s.inner.RevokeAsync(s.sessionId, s.cancellationToken));

    public Task<int> RevokeAllAsync(Guid identityId, Guid? exceptSessionId = null, CancellationToken cancellationToken = default) =>
        RevokeAll.RunAsync((inner, identityId, exceptSessionId, cancellationToken), static s => s.inner.RevokeAllAsync(s.identityId, s.exceptSessionId, s.cancellationToken));

    public Task<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        DeleteByIdentity.RunAsync((inner, identityId, cancellationToken), static s => s.inner.DeleteByIdentityAsync(s.identityId, s.cancellationToken));

    public Task<Session> ExtendAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        Extend.RunAsync((inner, sessionId, cancellationToken), static s => s.inner.ExtendAsync(s.sessionId, s.cancellationToken));

    /// <summary>Pure computations, neither traced nor timed.</summary>
    public string GetLogoutToken(Session session) => inner.GetLogoutToken(session);

    public bool IsLogoutToken(Session session, string? logoutToken) => inner.IsLogoutToken(session, logoutToken);
}
