using Microsoft.Data.Sqlite;
using NodaTime;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// An <see cref="ISessionStore"/> in a SQLite database file (Microsoft.Data.Sqlite), safe for concurrent use by many
/// threads and processes.
/// </summary>
/// <remarks>
/// <para>
/// Sessions are rows of <c>sessions</c> (migration 6): the token's keyed hash (UNIQUE, never the token), the state
/// columns, and the authentication methods and devices as JSON arrays (Kratos's JSON). Ids are 16-byte big-endian
/// BLOBs, so <c>ORDER BY created_at DESC, id DESC</c> is the contract's newest-first order; instants are INTEGER
/// microseconds since the Unix epoch.
/// </para>
/// <para>
/// <see cref="UpdateAsync"/> runs the delegate on the state read and commits under <c>BEGIN IMMEDIATE</c> if the row's
/// version is unchanged, else runs it again on the latest state under the write lock. <see cref="RevokeByIdentityAsync"/>
/// is one <c>UPDATE</c> that bumps the version too, so an update racing a revocation re-reads the revoked state and
/// cannot undo it; SQLite's single writer makes a committed revocation visible to every later read, in every process.
/// </para>
/// <para>
/// Ids and token hashes are never reused: inserting a stored id or token hash throws <see cref="InvalidOperationException"/>.
/// Sessions have no foreign key to <c>identities</c> (the stores need not share a database); the identity manager
/// deletes them with their identity through <see cref="DeleteByIdentityAsync"/>.
/// </para>
/// </remarks>
public sealed class SqliteSessionStore : ISessionStore
{
    private const string Columns =
        "id, identity_id, token_hash, active, expires_at, authenticated_at, issued_at, created_at, aal, authentication_methods, devices, version";

    private readonly SqliteDatabase _database;

    /// <summary>Creates a store over the database of <paramref name="options"/>.</summary>
    /// <param name="options">The connection string and settings.</param>
    public SqliteSessionStore(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqliteSessionStore(SqliteDatabase database)
    {
        _database = database;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A session with this id or token hash is already stored; nothing was written.</exception>
    public async ValueTask InsertAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.TokenHash, nameof(session));
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO sessions (" + Columns + ") VALUES (@id, @identity_id, @token_hash, @active, @expires_at, @authenticated_at, " +
            "@issued_at, @created_at, @aal, @authentication_methods, @devices, 0)";
        Bind(command, session);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (SqliteValues.IsConstraint(e, SqliteValues.SqliteConstraintPrimaryKey))
        {
            throw new InvalidOperationException("A session with this id is already stored; session ids are never reused.", e);
        }
        catch (SqliteException e) when (SqliteValues.IsConstraint(e, SqliteValues.SqliteConstraintUnique))
        {
            throw new InvalidOperationException("A session with this token hash is already stored; tokens are never reused.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionRecord?> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command("SELECT " + Columns + " FROM sessions WHERE id = @id");
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(sessionId));
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SessionRecord?> FindByTokenHashAsync(IReadOnlyCollection<string> tokenHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        if (tokenHashes.Count == 0)
        {
            return null;
        }

        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(
            "SELECT " + Columns + " FROM sessions WHERE token_hash IN (SELECT value FROM json_each(@hashes)) LIMIT 1");
        command.Parameters.AddWithValue("@hashes", SqliteValues.JsonArray(tokenHashes));
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id, identity or token hash; nothing was written.</exception>
    public ValueTask<SessionRecord?> UpdateAsync(Guid sessionId, Func<SessionRecord, SessionRecord> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return SqliteVersionedUpdate.RunAsync(
            _database,
            (connection, transaction, ct) => ReadVersionedAsync(connection, transaction, sessionId, ct),
            current => Apply(update, current),
            WriteAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<int> RevokeByIdentityAsync(Guid identityId, Guid? exceptSessionId, Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE sessions SET active = 0, version = version + 1 " +
            "WHERE identity_id = @identity_id AND active = 1 AND expires_at > @now AND id IS NOT @except";
        command.Parameters.AddWithValue("@identity_id", SqliteValues.Blob(identityId));
        command.Parameters.AddWithValue("@now", SqliteValues.Micros(now));
        command.Parameters.AddWithValue("@except", SqliteValues.BlobOrNull(exceptSessionId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SessionRecord>> ListByIdentityAsync(Guid identityId, bool? active, Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(
            "SELECT " + Columns + " FROM sessions WHERE identity_id = @identity_id" + ActiveFilter(active) +
            " ORDER BY created_at DESC, id DESC");
        command.Parameters.AddWithValue("@identity_id", SqliteValues.Blob(identityId));
        command.Parameters.AddWithValue("@now", SqliteValues.Micros(now));
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SessionRecord>> ListAsync(int pageSize, SessionKey? after, bool? active, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(
            "SELECT " + Columns + " FROM sessions WHERE " + (after is null ? "1 = 1" : "(created_at, id) < (@after_created_at, @after_id)") +
            ActiveFilter(active) + " ORDER BY created_at DESC, id DESC LIMIT @limit");
        if (after is { } position)
        {
            command.Parameters.AddWithValue("@after_created_at", SqliteValues.Micros(position.CreatedAt));
            command.Parameters.AddWithValue("@after_id", SqliteValues.Blob(position.Id));
        }

        command.Parameters.AddWithValue("@now", SqliteValues.Micros(now));
        command.Parameters.AddWithValue("@limit", pageSize);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE identity_id = @identity_id";
        command.Parameters.AddWithValue("@identity_id", SqliteValues.Blob(identityId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE expires_at <= @before";
        command.Parameters.AddWithValue("@before", SqliteValues.Micros(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SessionRecord Apply(Func<SessionRecord, SessionRecord> update, SessionRecord current)
    {
        var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
        if (updated.Id != current.Id || updated.IdentityId != current.IdentityId || !string.Equals(updated.TokenHash, current.TokenHash, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The update changed the session's id, identity or token hash; a session keeps them.");
        }

        return updated;
    }

    // Active at @now: stored active and not yet expired (the expiry is on the caller's clock).
    private static string ActiveFilter(bool? active) => active switch
    {
        true => " AND active = 1 AND expires_at > @now",
        false => " AND (active = 0 OR expires_at <= @now)",
        null => string.Empty,
    };

    private static async ValueTask WriteAsync(SqliteConnection connection, SqliteTransaction transaction, SessionRecord session, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "UPDATE sessions SET active = @active, expires_at = @expires_at, authenticated_at = @authenticated_at, issued_at = @issued_at, " +
            "created_at = @created_at, aal = @aal, authentication_methods = @authentication_methods, devices = @devices, " +
            "version = version + 1 WHERE id = @id";
        Bind(command, session);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, SessionRecord session)
    {
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(session.Id));
        command.Parameters.AddWithValue("@identity_id", SqliteValues.Blob(session.IdentityId));
        command.Parameters.AddWithValue("@token_hash", session.TokenHash);
        command.Parameters.AddWithValue("@active", session.Active ? 1 : 0);
        command.Parameters.AddWithValue("@expires_at", SqliteValues.Micros(session.ExpiresAt));
        command.Parameters.AddWithValue("@authenticated_at", SqliteValues.Micros(session.AuthenticatedAt));
        command.Parameters.AddWithValue("@issued_at", SqliteValues.Micros(session.IssuedAt));
        command.Parameters.AddWithValue("@created_at", SqliteValues.Micros(session.CreatedAt));
        command.Parameters.AddWithValue("@aal", SqliteValues.Name(session.AuthenticatorAssuranceLevel));
        command.Parameters.AddWithValue("@authentication_methods", OryIdentityJson.Serialize(session.AuthenticationMethods));
        command.Parameters.AddWithValue("@devices", OryIdentityJson.Serialize(session.Devices));
    }

    private static async ValueTask<(SessionRecord? Row, long Version)> ReadVersionedAsync(
        SqliteConnection connection, SqliteTransaction? transaction, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT " + Columns + " FROM sessions WHERE id = @id";
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(sessionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Read(reader), reader.GetInt64(11)) : (null, 0);
    }

    private static async ValueTask<SessionRecord?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static async ValueTask<IReadOnlyList<SessionRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(Read(reader));
        }

        return sessions;
    }

    private static SessionRecord Read(SqliteDataReader reader) => new()
    {
        Id = SqliteValues.ReadGuid(reader, 0),
        IdentityId = SqliteValues.ReadGuid(reader, 1),
        TokenHash = reader.GetString(2),
        Active = reader.GetInt64(3) != 0,
        ExpiresAt = SqliteValues.ReadInstant(reader, 4),
        AuthenticatedAt = SqliteValues.ReadInstant(reader, 5),
        IssuedAt = SqliteValues.ReadInstant(reader, 6),
        CreatedAt = SqliteValues.ReadInstant(reader, 7),
        AuthenticatorAssuranceLevel = SqliteValues.ParseAal(reader.GetString(8)),
        AuthenticationMethods = OryIdentityJson.Deserialize<IReadOnlyList<SessionAuthenticationMethod>>(reader.GetString(9)),
        Devices = OryIdentityJson.Deserialize<IReadOnlyList<SessionDevice>>(reader.GetString(10)),
    };
}
