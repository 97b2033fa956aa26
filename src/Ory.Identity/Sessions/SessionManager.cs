using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="ISessionManager"/> (Kratos's session/manager_http.go, session/handler.go and
/// persistence/sql/persister_session.go). Differs from Kratos where Kratos stores secrets in clear: the store keeps only
/// the keyed hash of a session token (one candidate hash per configured secret on lookup, so secrets rotate), and the
/// logout token is derived from the session id instead of stored.
/// </summary>
internal sealed class SessionManager(
    ISessionStore store,
    IIdentityManager identities,
    SessionSettings settings,
    SecretHasher hasher,
    OryIdentityClock clock,
    ILogger<SessionManager>? log = null) : ISessionManager
{
    /// <summary>The most UTF-8 bytes of a device's user agent or location kept (Kratos's limits).</summary>
    public const int MaxDeviceTextBytes = 512;

    /// <summary>The most UTF-8 bytes of a device's IP address kept (an IPv6 address with zone fits).</summary>
    public const int MaxIpAddressBytes = 64;

    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<IssuedSession> IssueAsync(Guid identityId, string method, SessionDevice? device = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var identity = await identities.GetAsync(identityId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (identity.State != IdentityState.Active)
        {
            throw new IdentityDisabledException();
        }

        var now = clock.Now();
        var token = SessionTokens.NewSessionToken();
        SessionAuthenticationMethod[] methods = [new() { Method = method, Aal = SessionAssurance.LevelOf(method), CompletedAt = now }];
        var record = new SessionRecord
        {
            Id = UuidV7.New(now),
            IdentityId = identityId,
            TokenHash = hasher.HashSessionToken(token),
            Active = true,
            ExpiresAt = now + settings.Lifespan,
            AuthenticatedAt = now,
            IssuedAt = now,
            CreatedAt = now,
            AuthenticationMethods = methods,
            AuthenticatorAssuranceLevel = SessionAssurance.LevelOf(methods),
            Devices = [Recorded(device)],
        };
        await store.InsertAsync(record, cancellationToken).ConfigureAwait(false);
        Log.SessionIssued(_logger, record.Id, identityId, method);
        return new IssuedSession(ToSession(record, now, identity.ToPublicView(), withDevices: true), token);
    }

    public async Task<Session?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!SessionTokens.IsWellFormedSessionToken(token))
        {
            return null;
        }

        var record = await store.FindByTokenHashAsync(hasher.SessionTokenCandidates(token!), cancellationToken).ConfigureAwait(false);
        var now = clock.Now();
        if (record is null || !IsStoredActive(record, now))
        {
            return null;
        }

        Identity identity;
        try
        {
            identity = await identities.GetAsync(record.IdentityId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException)
        {
            return null;
        }

        return identity.State == IdentityState.Active ? ToSession(record, now, identity.ToPublicView(), withDevices: true) : null;
    }

    public async Task<Session> ReauthenticateAsync(Guid sessionId, string method, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var now = clock.Now();
        var entry = new SessionAuthenticationMethod { Method = method, Aal = SessionAssurance.LevelOf(method), CompletedAt = now };
        var updated = await store.UpdateAsync(sessionId, current =>
        {
            SessionAuthenticationMethod[] methods = [.. current.AuthenticationMethods, entry];
            return current with
            {
                AuthenticationMethods = methods,
                AuthenticatorAssuranceLevel = SessionAssurance.LevelOf(methods),
                AuthenticatedAt = now,
                ExpiresAt = now + settings.Lifespan,
            };
        }, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException();

        // Kratos's quirk: a refresh returns a new issued_at while the stored one stays.
        var identity = await LoadIdentityAsync(updated.IdentityId, cancellationToken).ConfigureAwait(false);
        return ToSession(updated, now, identity?.ToPublicView(), withDevices: true) with { IssuedAt = now };
    }

    public async Task<Session> GetAsync(Guid sessionId, SessionExpand expand = SessionExpand.None, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException();
        return await ExpandAsync(record, clock.Now(), expand, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > SessionListQuery.MaxPageSize)
        {
            throw new InvalidRequestException($"page_size must be between 1 and {SessionListQuery.MaxPageSize}, got {query.PageSize}.");
        }

        SessionKey? after = string.IsNullOrEmpty(query.PageToken) ? null : SessionPageToken.Decode(query.PageToken);
        var now = clock.Now();

        // One more than a page tells whether another page follows.
        var records = await store.ListAsync(query.PageSize + 1, after, query.Active, now, cancellationToken).ConfigureAwait(false);
        var count = Math.Min(records.Count, query.PageSize);
        var items = new Session[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = await ExpandAsync(records[i], now, query.Expand, cancellationToken).ConfigureAwait(false);
        }

        var next = records.Count > query.PageSize
            ? SessionPageToken.Encode(new SessionKey(records[count - 1].CreatedAt, records[count - 1].Id))
            : null;
        return new SessionPage(items, next);
    }

    public async Task<IReadOnlyList<Session>> ListByIdentityAsync(Guid identityId, bool? active = null, CancellationToken cancellationToken = default)
    {
        var now = clock.Now();
        var records = await store.ListByIdentityAsync(identityId, active, now, cancellationToken).ConfigureAwait(false);
        if (records.Count == 0)
        {
            return [];
        }

        var identity = (await LoadIdentityAsync(identityId, cancellationToken).ConfigureAwait(false))?.ToAdminView();
        var sessions = new Session[records.Count];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = ToSession(records[i], now, identity, withDevices: true);
        }

        return sessions;
    }

    public async Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var revoked = await store.UpdateAsync(sessionId, current => current.Active ? current with { Active = false } : current, cancellationToken)
                          .ConfigureAwait(false)
                      ?? throw new SessionNotFoundException();
        Log.SessionRevoked(_logger, revoked.Id, revoked.IdentityId);
    }

    public async Task<int> RevokeAllAsync(Guid identityId, Guid? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        var count = await store.RevokeByIdentityAsync(identityId, exceptSessionId, clock.Now(), cancellationToken).ConfigureAwait(false);
        Log.SessionsRevoked(_logger, count, identityId);
        return count;
    }

    public async Task<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        var count = await store.DeleteByIdentityAsync(identityId, cancellationToken).ConfigureAwait(false);
        Log.SessionsDeleted(_logger, count, identityId);
        return count;
    }

    public async Task<Session> ExtendAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.Now();

        // Kratos's session.CanBeRefreshed: only once the remaining lifetime is below earliest_possible_extend.
        var extended = await store.UpdateAsync(
                           sessionId,
                           current => current.ExpiresAt - settings.EarliestPossibleExtend < now ? current with { ExpiresAt = now + settings.Lifespan } : current,
                           cancellationToken).ConfigureAwait(false)
                       ?? throw new SessionNotFoundException();
        return await ExpandAsync(extended, now, SessionExpand.Identity, cancellationToken).ConfigureAwait(false);
    }

    public string GetLogoutToken(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return SessionTokens.LogoutToken(hasher, 0, session.Id);
    }

    public bool IsLogoutToken(Session session, string? logoutToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!SessionTokens.IsWellFormedLogoutToken(logoutToken))
        {
            return false;
        }

        var presented = Encoding.ASCII.GetBytes(logoutToken!);
        var matched = false;
        for (var key = 0; key < hasher.KeyCount; key++)
        {
            // Every key is checked, so the time taken does not tell which key matched.
            var expected = Encoding.ASCII.GetBytes(SessionTokens.LogoutToken(hasher, key, session.Id));
            matched |= CryptographicOperations.FixedTimeEquals(presented, expected);
        }

        return matched;
    }

    private static bool IsStoredActive(SessionRecord record, Instant now) => record.Active && record.ExpiresAt > now;

    private static SessionDevice Recorded(SessionDevice? device) => new()
    {
        Id = Guid.NewGuid(),
        IpAddress = Truncated(device?.IpAddress, MaxIpAddressBytes),
        UserAgent = Truncated(device?.UserAgent, MaxDeviceTextBytes),
        Location = Truncated(device?.Location, MaxDeviceTextBytes) ?? string.Empty,
    };

    // Cuts to at most maxBytes of UTF-8 without splitting a character.
    private static string? Truncated(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            length += rune.Utf16SequenceLength;
        }

        return text[..length];
    }

    // Active as Kratos computes it when serializing: stored active, unexpired, and the identity (when loaded) active.
    private static Session ToSession(SessionRecord record, Instant now, Identity? identity, bool withDevices) => new()
    {
        Id = record.Id,
        Active = IsStoredActive(record, now) && (identity is null || identity.State == IdentityState.Active),
        ExpiresAt = record.ExpiresAt,
        AuthenticatedAt = record.AuthenticatedAt,
        AuthenticatorAssuranceLevel = record.AuthenticatorAssuranceLevel,
        AuthenticationMethods = record.AuthenticationMethods,
        IssuedAt = record.IssuedAt,
        Identity = identity,
        Devices = withDevices ? record.Devices : [],
        IdentityId = record.IdentityId,
    };

    private async Task<Session> ExpandAsync(SessionRecord record, Instant now, SessionExpand expand, CancellationToken cancellationToken)
    {
        var identity = (expand & SessionExpand.Identity) != 0
            ? (await LoadIdentityAsync(record.IdentityId, cancellationToken).ConfigureAwait(false))?.ToAdminView()
            : null;
        return ToSession(record, now, identity, withDevices: (expand & SessionExpand.Devices) != 0);
    }

    private async Task<Identity?> LoadIdentityAsync(Guid identityId, CancellationToken cancellationToken)
    {
        try
        {
            return await identities.GetAsync(identityId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException)
        {
            return null;
        }
    }
}
