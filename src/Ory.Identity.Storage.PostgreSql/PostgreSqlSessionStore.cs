using NodaTime;
using Npgsql;
using static Ory.Identity.Storage.PostgreSql.PostgreSqlValues;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// An <see cref="ISessionStore"/> on PostgreSQL (or CockroachDB) through Npgsql: the <c>sessions</c> table, holding the
/// token's keyed hash (UNIQUE), never the token.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="UpdateAsync"/> locks the session's row (<c>SELECT … FOR UPDATE</c>) while its delegate runs, so concurrent
/// updates of one session queue and none is lost, also across processes. <see cref="RevokeByIdentityAsync"/> is one
/// <c>UPDATE</c>: it waits for an update holding the row and then re-checks its condition on the committed row, and an
/// update that locks the row after the revocation reads the revoked state; so once a revocation has returned, every read
/// and update on the database sees the session inactive.
/// </para>
/// <para>
/// The authentication methods and devices are Kratos's JSON in <c>text</c> columns: a NUL in a device's user agent is
/// written as the escape <c>\u0000</c>, which <c>text</c> keeps (and <c>jsonb</c> would refuse). Inserting a stored id
/// or token hash throws <see cref="InvalidOperationException"/>. Sessions have no foreign key to <c>identities</c>; the
/// identity manager deletes them with their identity through <see cref="DeleteByIdentityAsync"/>.
/// </para>
/// </remarks>
public sealed class PostgreSqlSessionStore : ISessionStore
{
    private const string Columns =
        "id, identity_id, token_hash, active, expires_at, authenticated_at, issued_at, created_at, aal, authentication_methods, devices";

    private readonly PostgreSqlDatabase _storage;

    /// <summary>Creates a store on a data source whose database is already migrated (<see cref="PostgreSqlStorageMigrator"/>).</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    public PostgreSqlSessionStore(NpgsqlDataSource dataSource)
        : this(new PostgreSqlDatabase(dataSource, ownsDataSource: false, migrateOnStart: false))
    {
    }

    internal PostgreSqlSessionStore(PostgreSqlDatabase storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    private NpgsqlDataSource DataSource => _storage.DataSource;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A session with this id or token hash is already stored; nothing was written.</exception>
    public async ValueTask InsertAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.TokenHash, nameof(session));
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand(
            $"INSERT INTO sessions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
        command.Parameters.AddRange(Row(session));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException(
                e.ConstraintName == PostgreSqlSchema.SessionsTokenHashKey
                    ? "A session with this token hash is already stored; tokens are never reused."
                    : "A session with this id is already stored; session ids are never reused.",
                e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionRecord?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await QuerySingleAsync($"SELECT {Columns} FROM sessions WHERE id = $1", [Uuid(sessionId)], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<SessionRecord?> FindByTokenHashAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        if (tokenHashes.Count == 0)
        {
            return null;
        }

        return await QuerySingleAsync(
            $"SELECT {Columns} FROM sessions WHERE token_hash = ANY($1) LIMIT 1", [Texts([.. tokenHashes])], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id, identity or token hash; nothing was written.</exception>
    public ValueTask<SessionRecord?> UpdateAsync(Guid sessionId, Func<SessionRecord, SessionRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return PostgreSqlLockedUpdate.RunAsync(
            _storage,
            $"SELECT {Columns} FROM sessions WHERE id = $1 FOR UPDATE",
            () => [Uuid(sessionId)],
            Read,
            current => Apply(update, current),
            "UPDATE sessions SET identity_id = $2, token_hash = $3, active = $4, expires_at = $5, authenticated_at = $6, issued_at = $7, " +
            "created_at = $8, aal = $9, authentication_methods = $10, devices = $11 WHERE id = $1",
            Row,
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> RevokeByIdentityAsync(Guid identityId, Guid? exceptSessionId, Instant now, CancellationToken cancellationToken = default) =>
        _storage.ExecuteAsync(
            "UPDATE sessions SET active = false WHERE identity_id = $1 AND active AND expires_at > $2 AND ($3::uuid IS NULL OR id <> $3)",
            () => [Uuid(identityId), Timestamp(now), Uuid(exceptSessionId)],
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SessionRecord>> ListByIdentityAsync(Guid identityId, bool? active, Instant now, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM sessions WHERE identity_id = $1 AND {ActiveFilter(active, "$2")} ORDER BY created_at DESC, id DESC",
            [Uuid(identityId), Timestamp(now)],
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(int pageSize, SessionKey? after, bool? active, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return after is { } position
            ? QueryAsync(
                $"SELECT {Columns} FROM sessions WHERE (created_at, id) < ($3, $4) AND {ActiveFilter(active, "$2")} ORDER BY created_at DESC, id DESC LIMIT $1",
                [Int(pageSize), Timestamp(now), Timestamp(position.CreatedAt), Uuid(position.Id)],
                cancellationToken)
            : QueryAsync(
                $"SELECT {Columns} FROM sessions WHERE {ActiveFilter(active, "$2")} ORDER BY created_at DESC, id DESC LIMIT $1",
                [Int(pageSize), Timestamp(now)],
                cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        _storage.ExecuteAsync("DELETE FROM sessions WHERE identity_id = $1", () => [Uuid(identityId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default) =>
        _storage.ExecuteAsync("DELETE FROM sessions WHERE expires_at <= $1", () => [Timestamp(before)], cancellationToken);

    private static SessionRecord Apply(Func<SessionRecord, SessionRecord> update, SessionRecord current)
    {
        var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
        if (updated.Id != current.Id || updated.IdentityId != current.IdentityId || !string.Equals(updated.TokenHash, current.TokenHash, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The update changed the session's id, identity or token hash; a session keeps them.");
        }

        return updated;
    }

    // Active at now: stored active and not yet expired (the expiry is on the caller's clock). Every branch names the
    // parameter, so that its type is known to the server.
    private static string ActiveFilter(bool? active, string now) => active switch
    {
        true => $"active AND expires_at > {now}",
        false => $"NOT (active AND expires_at > {now})",
        null => $"{now}::timestamptz IS NOT NULL",
    };

    private async ValueTask<SessionRecord?> QuerySingleAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private async ValueTask<IReadOnlyList<SessionRecord>> QueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = await _storage.CommandAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(Read(reader));
        }

        return sessions;
    }

    private static NpgsqlParameter[] Row(SessionRecord session) =>
    [
        Uuid(session.Id),
        Uuid(session.IdentityId),
        Text(session.TokenHash),
        Bool(session.Active),
        Timestamp(session.ExpiresAt),
        Timestamp(session.AuthenticatedAt),
        Timestamp(session.IssuedAt),
        Timestamp(session.CreatedAt),
        Text(session.AuthenticatorAssuranceLevel.ToString()),
        Text(OryIdentityJson.Serialize(session.AuthenticationMethods)),
        Text(OryIdentityJson.Serialize(session.Devices)),
    ];

    private static SessionRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        IdentityId = reader.GetGuid(1),
        TokenHash = reader.GetString(2),
        Active = reader.GetBoolean(3),
        ExpiresAt = GetInstant(reader, 4),
        AuthenticatedAt = GetInstant(reader, 5),
        IssuedAt = GetInstant(reader, 6),
        CreatedAt = GetInstant(reader, 7),
        AuthenticatorAssuranceLevel = Enum.Parse<AuthenticatorAssuranceLevel>(reader.GetString(8)),
        AuthenticationMethods = OryIdentityJson.Deserialize<IReadOnlyList<SessionAuthenticationMethod>>(reader.GetString(9)),
        Devices = OryIdentityJson.Deserialize<IReadOnlyList<SessionDevice>>(reader.GetString(10)),
    };
}
