using NodaTime;

namespace Ory.Identity.Storage;

/// <summary>
/// Persists sessions. A revocation is visible to every later read at once, in every process on one database; an update
/// is atomic (of concurrent updates of one session, none is lost). Every store passes the conformance kit in
/// <c>Ory.Identity.Storage.Specification</c>.
/// </summary>
public interface ISessionStore
{
    /// <summary>Inserts a new session.</summary>
    ValueTask InsertAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>Reads a session; null when none.</summary>
    ValueTask<SessionRecord?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Finds the session whose token hash is one of <paramref name="tokenHashes"/> (one per configured key); null when none.</summary>
    ValueTask<SessionRecord?> FindByTokenHashAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a session with <paramref name="update"/> applied to its latest state, atomically (the delegate may run
    /// more than once and must be free of side effects; it may not change the id, identity or token hash). Returns the
    /// stored session, or null when none has this id.
    /// </summary>
    ValueTask<SessionRecord?> UpdateAsync(Guid sessionId, Func<SessionRecord, SessionRecord> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets <see cref="SessionRecord.Active"/> false on every session of an identity that is still active at
    /// <paramref name="now"/> (stored active and <c>ExpiresAt</c> after now), except <paramref name="exceptSessionId"/>;
    /// returns how many changed.
    /// </summary>
    ValueTask<int> RevokeByIdentityAsync(Guid identityId, Guid? exceptSessionId, Instant now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions of an identity, newest first (by <c>CreatedAt</c>, then id descending). <paramref name="active"/>
    /// filters on "stored active and <c>ExpiresAt</c> after <paramref name="now"/>" (true) or its negation (false).
    /// </summary>
    ValueTask<IReadOnlyList<SessionRecord>> ListByIdentityAsync(Guid identityId, bool? active, Instant now, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of all sessions, newest first (by <c>CreatedAt</c>, then id descending), starting after
    /// <paramref name="after"/> (the last item of the previous page; null for the first page), filtered as in
    /// <see cref="ListByIdentityAsync"/>.
    /// </summary>
    ValueTask<IReadOnlyList<SessionRecord>> ListAsync(int pageSize, SessionKey? after, bool? active, Instant now, CancellationToken cancellationToken = default);

    /// <summary>Deletes every session of an identity; returns how many.</summary>
    ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default);

    /// <summary>Deletes sessions that expired at or before <paramref name="before"/>; returns how many.</summary>
    ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default);
}
