using System.Collections.Concurrent;
using NodaTime;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="ISessionStore"/> in process memory, for tests, samples and single-process hosts that accept
/// losing data on restart.
/// </summary>
/// <remarks>
/// <para>
/// Sessions live in one <see cref="ConcurrentDictionary{TKey,TValue}"/> by id, with a second one from token hash to id,
/// so a token lookup is two dictionary reads and never locks. Records are immutable; every write replaces a record by
/// compare-and-exchange (<see cref="ConcurrentDictionary{TKey,TValue}.TryUpdate"/>) against the state it was computed
/// from and retries on a newer one, so no concurrent update is lost and a revocation is seen by every later read.
/// </para>
/// <para>
/// Lists, <see cref="RevokeByIdentityAsync"/>, <see cref="DeleteByIdentityAsync"/> and <see cref="DeleteExpiredAsync"/>
/// scan every session. Ids and token hashes come from the session manager and are never reused, so inserting a stored id
/// or token hash is a programmer error and throws <see cref="InvalidOperationException"/>.
/// </para>
/// </remarks>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<Guid, SessionRecord> _sessions = new();
    private readonly ConcurrentDictionary<string, Guid> _byTokenHash = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A session with this id or token hash is already stored; nothing was written.</exception>
    public ValueTask InsertAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.TokenHash, nameof(session));
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (!_byTokenHash.TryAdd(session.TokenHash, session.Id))
        {
            return ValueTask.FromException(new InvalidOperationException("A session with this token hash is already stored; tokens are never reused."));
        }

        if (!_sessions.TryAdd(session.Id, session))
        {
            _byTokenHash.TryRemove(KeyValuePair.Create(session.TokenHash, session.Id));
            return ValueTask.FromException(new InvalidOperationException("A session with this id is already stored; session ids are never reused."));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<SessionRecord?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionRecord?>(cancellationToken);
        }

        return new ValueTask<SessionRecord?>(_sessions.GetValueOrDefault(sessionId));
    }

    /// <inheritdoc />
    public ValueTask<SessionRecord?> FindByTokenHashAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionRecord?>(cancellationToken);
        }

        foreach (var hash in tokenHashes)
        {
            if (Find(hash) is { } found)
            {
                return new ValueTask<SessionRecord?>(found);
            }
        }

        return new ValueTask<SessionRecord?>((SessionRecord?)null);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id, identity or token hash; nothing was written.</exception>
    public ValueTask<SessionRecord?> UpdateAsync(Guid sessionId, Func<SessionRecord, SessionRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            return new ValueTask<SessionRecord?>(Update(sessionId, update, cancellationToken));
        }
#pragma warning disable CA1031 // Every failure belongs to the returned task, as with an async method.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ValueTask.FromException<SessionRecord?>(e);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> RevokeByIdentityAsync(Guid identityId, Guid? exceptSessionId, Instant now, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        var revoked = 0;
        foreach (var (id, session) in _sessions)
        {
            if (session.IdentityId != identityId || id == exceptSessionId)
            {
                continue;
            }

            var current = session;
            while (IsActive(current, now))
            {
                if (_sessions.TryUpdate(id, current with { Active = false }, current))
                {
                    revoked++;
                    break;
                }

                if (!_sessions.TryGetValue(id, out current))
                {
                    break; // Deleted concurrently.
                }
            }
        }

        return new ValueTask<int>(revoked);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SessionRecord>> ListByIdentityAsync(Guid identityId, bool? active, Instant now, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IReadOnlyList<SessionRecord>>(cancellationToken);
        }

        var found = new List<SessionRecord>();
        foreach (var session in _sessions.Values)
        {
            if (session.IdentityId == identityId && Matches(session, active, now))
            {
                found.Add(session);
            }
        }

        found.Sort(NewestFirst);
        return new ValueTask<IReadOnlyList<SessionRecord>>(found);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(int pageSize, SessionKey? after, bool? active, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IReadOnlyList<SessionRecord>>(cancellationToken);
        }

        var found = new List<SessionRecord>();
        foreach (var session in _sessions.Values)
        {
            if ((after is not { } position || CompareNewestFirst(new SessionKey(session.CreatedAt, session.Id), position) > 0)
                && Matches(session, active, now))
            {
                found.Add(session);
            }
        }

        found.Sort(NewestFirst);
        if (found.Count > pageSize)
        {
            found.RemoveRange(pageSize, found.Count - pageSize);
        }

        return new ValueTask<IReadOnlyList<SessionRecord>>(found);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        // A session's identity never changes, so a match is removed whatever its latest state.
        return new ValueTask<int>(DeleteWhere(identityId, static (session, id) => session.IdentityId == id, onlyUnchanged: false));
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        // An extension racing the cleanup wins: only the expired state that matched is removed.
        return new ValueTask<int>(DeleteWhere(before, static (session, at) => session.ExpiresAt <= at, onlyUnchanged: true));
    }

    private SessionRecord? Update(Guid sessionId, Func<SessionRecord, SessionRecord> update, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_sessions.TryGetValue(sessionId, out var current))
            {
                return null;
            }

            var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
            if (updated.Id != current.Id || updated.IdentityId != current.IdentityId
                || !string.Equals(updated.TokenHash, current.TokenHash, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The update changed the session's id, identity or token hash; a session keeps them.");
            }

            if (_sessions.TryUpdate(sessionId, updated, current))
            {
                return updated;
            }

            // A concurrent write or delete won: run the update again on the newer state, if any.
        }
    }

    private int DeleteWhere<TState>(TState state, Func<SessionRecord, TState, bool> matches, bool onlyUnchanged)
    {
        var deleted = 0;
        foreach (var pair in _sessions)
        {
            if (!matches(pair.Value, state))
            {
                continue;
            }

            var removed = onlyUnchanged ? _sessions.TryRemove(pair) : _sessions.TryRemove(pair.Key, out _);
            if (removed)
            {
                _byTokenHash.TryRemove(KeyValuePair.Create(pair.Value.TokenHash, pair.Key));
                deleted++;
            }
        }

        return deleted;
    }

    private SessionRecord? Find(string tokenHash) =>
        _byTokenHash.TryGetValue(tokenHash, out var id) ? _sessions.GetValueOrDefault(id) : null;

    private static bool IsActive(SessionRecord session, Instant now) => session.Active && session.ExpiresAt > now;

    private static bool Matches(SessionRecord session, bool? active, Instant now) =>
        active is not { } wanted || IsActive(session, now) == wanted;

    private static int NewestFirst(SessionRecord x, SessionRecord y) =>
        CompareNewestFirst(new SessionKey(x.CreatedAt, x.Id), new SessionKey(y.CreatedAt, y.Id));

    // Negative when x comes first in the list: the later CreatedAt, then the greater id.
    private static int CompareNewestFirst(SessionKey x, SessionKey y)
    {
        var byTime = y.CreatedAt.CompareTo(x.CreatedAt);
        return byTime != 0 ? byTime : GuidOrder.Instance.Compare(y.Id, x.Id);
    }
}
