using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// An <see cref="IIdentityStore"/> in a SQLite database file (Microsoft.Data.Sqlite), safe for concurrent use by many
/// threads and processes.
/// </summary>
/// <remarks>
/// <para>
/// An identity is one row of <c>identities</c>: its id as a 16-byte BLOB in RFC 4122 (big-endian) byte order, so that
/// SQLite's ordering of BLOBs is <see cref="GuidOrder"/> and keyset pages are <c>WHERE id &gt; @after ORDER BY id</c>;
/// the whole identity as Kratos JSON; and indexed copies of its external id (UNIQUE), organization and schema id. Its
/// credential identifiers and addresses are rows of <c>identity_credential_identifiers</c> (UNIQUE (type, identifier)),
/// <c>identity_verifiable_addresses</c> and <c>identity_recovery_addresses</c> (each UNIQUE (via, value)), deleted with
/// the identity (ON DELETE CASCADE).
/// </para>
/// <para>
/// The unique constraints decide conflicts. When one refuses a write, the write is rolled back to its savepoint and the
/// store names the clash by looking up, in the same transaction, the first value of the identity another identity holds,
/// in the order the in-memory store reports: credential identifiers, verifiable addresses, recovery addresses, external id.
/// </para>
/// <para>
/// Every write is one <c>BEGIN IMMEDIATE</c> transaction: SQLite serializes writers (waiting up to
/// <see cref="SqliteStorageOptions.BusyTimeout"/>) and readers never wait (WAL). <see cref="UpdateAsync"/> runs the
/// delegate on the state it read, then takes the write lock and commits if the row's version is unchanged; if a concurrent
/// write came first it runs the delegate once more, under the lock, on the latest state. So the delegate runs at most
/// twice and no write is lost.
/// </para>
/// <para>
/// Each write opens a pooled connection of its own. Reads borrow an open connection that keeps its compiled statements
/// (<see cref="SqliteStorageOptions.PrepareStatements"/>), one read at a time.
/// </para>
/// </remarks>
public sealed class SqliteIdentityStore : IIdentityStore, IIdentityJsonListing
{
    private const string SelectDocument = "SELECT document FROM identities WHERE id = @id";

    /// <summary>Up to this many identifiers, a list query passes them as scalar parameters (<see cref="AppendIdentifiers"/>).</summary>
    private const int MaxScalarIdentifiers = 4;

    private readonly SqliteDatabase _database;

    // Whether InsertManyAsync writes a batch without savepoints first; false after a batch met a held value, true again
    // after a batch decided item by item was free of conflicts.
    private bool _insertAllFirst = true;

    /// <summary>Creates a store over the database of <paramref name="options"/>.</summary>
    /// <param name="options">The connection string and settings.</param>
    public SqliteIdentityStore(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqliteIdentityStore(SqliteDatabase database)
    {
        _database = database;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">An identity with this id is already stored.</exception>
    public async ValueTask InsertAsync(Identity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var rows = IdentityUniqueValues.Of(identity);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var writer = new IdentityWriter(connection, transaction);
        var conflict = await writer.TryInsertOnlyAsync(identity, rows, cancellationToken).ConfigureAwait(false);
        if (conflict is not null)
        {
            transaction.Rollback();
            throw new IdentityConflictException(conflict);
        }

        transaction.Commit();
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction. The batch is first written straight through, without savepoints (<see cref="TryInsertAllAsync"/>):
    /// when no constraint refuses an item, the common case of an import, that saves two statements and the savepoint's
    /// journal of every page an item touches. When a constraint refuses one, that transaction is rolled back and the batch
    /// is written again with each item under its own savepoint, so a refused item leaves nothing and the others commit.
    /// After such a batch the next ones skip the first attempt (<see cref="InsertsAllFirst"/>) until one decided item by
    /// item meets no conflict, so a run of clashing batches is not written twice (as PostgreSQL's store does with its copy).
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// An id is already stored or appears twice in the batch; nothing was written.
    /// </exception>
    public async ValueTask<IReadOnlyList<IdentityConflict?>> InsertManyAsync(
        IReadOnlyList<Identity> identities,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var rows = new IdentityUniqueValues[identities.Count];
        var ids = new HashSet<Guid>(identities.Count);
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i] ?? throw new ArgumentException("The batch contains a null identity.", nameof(identities));
            if (!ids.Add(identity.Id))
            {
                throw new InvalidOperationException("The batch contains the same identity id twice.");
            }

            rows[i] = IdentityUniqueValues.Of(identity);
        }

        var results = new IdentityConflict?[identities.Count];
        if (identities.Count == 0)
        {
            return results;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (InsertsAllFirst)
        {
            if (await TryInsertAllAsync(connection, identities, rows, cancellationToken).ConfigureAwait(false))
            {
                return results;
            }

            // A value was held: the batches that follow (an import run again, say) are likely to clash too, so they are
            // decided item by item until one is free of conflicts, instead of being written twice.
            Volatile.Write(ref _insertAllFirst, false);
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var writer = new IdentityWriter(connection, transaction);
        var clashes = false;
        for (var i = 0; i < identities.Count; i++)
        {
            results[i] = await writer.TryInsertAsync(identities[i], rows[i], cancellationToken).ConfigureAwait(false);
            clashes |= results[i] is not null;
        }

        transaction.Commit();
        Volatile.Write(ref _insertAllFirst, !clashes);
        return results;
    }

    /// <summary>Whether the next <see cref="InsertManyAsync"/> writes its batch without savepoints first (<see cref="TryInsertAllAsync"/>).</summary>
    internal bool InsertsAllFirst => Volatile.Read(ref _insertAllFirst);

    /// <summary>
    /// Writes every item of a batch in one transaction without savepoints and commits; false, with the transaction rolled
    /// back and nothing written, when a constraint refused an item (the caller then decides item by item). Internal so
    /// that a differential test can compare it with the savepoint path.
    /// </summary>
    internal static async ValueTask<bool> TryInsertAllAsync(
        SqliteConnection connection, IReadOnlyList<Identity> identities, IdentityUniqueValues[] rows, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var writer = new IdentityWriter(connection, transaction);
        try
        {
            for (var i = 0; i < identities.Count; i++)
            {
                await writer.InsertWithoutSavepointAsync(identities[i], rows[i], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteValues.SqliteConstraint)
        {
            transaction.Rollback();
            return false;
        }

        transaction.Commit();
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(SelectDocument);
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(id));
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> GetByExternalIdAsync(string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command("SELECT document FROM identities WHERE external_id = @external_id");
        command.Parameters.AddWithValue("@external_id", externalId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The lookup by (type, identifier). It names the covering index of migration 4: SQLite's planner would otherwise take
    /// the unique (type, identifier) index and read the identifier row for <c>identity_id</c>.
    /// </summary>
    internal const string IdentifierLookupSql =
        "SELECT i.document FROM identity_credential_identifiers c INDEXED BY identity_credential_identifiers_lookup " +
        "JOIN identities i ON i.id = c.identity_id WHERE c.type = @type AND c.identifier = @identifier";

    /// <inheritdoc />
    public async ValueTask<Identity?> FindByCredentialsIdentifierAsync(
        CredentialsType type,
        string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(IdentifierLookupSql);
        command.Parameters.AddWithValue("@type", type.Value);
        command.Parameters.AddWithValue("@identifier", identifier);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> FindByAddressAsync(
        AddressKind kind,
        AddressVia via,
        string value,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (kind is not AddressKind.Verifiable and not AddressKind.Recovery)
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command(kind == AddressKind.Verifiable
            ? "SELECT i.document FROM identity_verifiable_addresses a JOIN identities i ON i.id = a.identity_id WHERE a.via = @via AND a.value = @value"
            : "SELECT i.document FROM identity_recovery_addresses a JOIN identities i ON i.id = a.identity_id WHERE a.via = @via AND a.value = @value");
        command.Parameters.AddWithValue("@via", IdentityUniqueValues.ViaName(via));
        command.Parameters.AddWithValue("@value", value);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One query: <c>id &gt; @after</c> in id order with <c>LIMIT</c>, and each filter set as a condition (filters set
    /// together all apply). Ids and identifiers are passed as one JSON array parameter (<c>json_each</c>); the prefix is a
    /// range over the identifier index (<c>identifier &gt;= @prefix AND identifier &lt; @prefix || x'FF'</c>, exact for
    /// ordinal prefixes since 0xFF never occurs in UTF-8), so no LIKE escaping or collation is involved.
    /// </remarks>
    public async ValueTask<IReadOnlyList<Identity>> ListAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = ListCommand(connection, query, "document");
        var page = new List<Identity>(Math.Min(query.Limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(OryIdentityJson.Deserialize<Identity>(reader.GetString(0)));
        }

        return page;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The query of <see cref="ListAsync"/>, reading each row's id and its <c>document</c> as UTF-8 bytes: the text
    /// <see cref="OryIdentityJson"/> wrote, with the identity's credentials.
    /// </remarks>
    public async ValueTask<IReadOnlyList<StoredIdentityJson>> ListJsonAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = ListCommand(connection, query, "id, document");
        var page = new List<StoredIdentityJson>(Math.Min(query.Limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new StoredIdentityJson(SqliteValues.ReadGuid(reader, 0), reader.GetFieldValue<byte[]>(1)));
        }

        return page;
    }

    /// <summary>
    /// The keyset page query: <c>id &gt; @after</c> in id order with <c>LIMIT</c>, and each filter set as a condition
    /// (filters set together all apply), selecting <paramref name="columns"/>.
    /// </summary>
    private static SqliteCommand ListCommand(SqliteReadConnection connection, IdentityStoreQuery query, string columns)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var sql = new StringBuilder("SELECT ").Append(columns).Append(" FROM identities WHERE id > @after");
        var parameters = new List<SqliteParameter> { new("@after", SqliteValues.Blob(query.After)) };
        if (query.OrganizationId is { } organization)
        {
            sql.Append(" AND organization_id = @organization");
            parameters.Add(new("@organization", SqliteValues.Blob(organization)));
        }

        if (query.SchemaId is { } schemaId)
        {
            sql.Append(" AND schema_id = @schema_id");
            parameters.Add(new("@schema_id", schemaId));
        }

        if (query.Ids is { } ids)
        {
            sql.Append(" AND id IN (SELECT unhex(value) FROM json_each(@ids))");
            parameters.Add(new("@ids", SqliteValues.HexJsonArray(ids)));
        }

        if (query.CredentialsIdentifiers is { } identifiers)
        {
            sql.Append(" AND id IN (SELECT identity_id FROM identity_credential_identifiers WHERE identifier IN (");
            AppendIdentifiers(sql, parameters, identifiers);
            sql.Append("))");
        }

        if (query.CredentialsIdentifierPrefix is { } prefix)
        {
            sql.Append(" AND id IN (SELECT identity_id FROM identity_credential_identifiers WHERE identifier >= @prefix AND identifier < @prefix || CAST(x'FF' AS TEXT))");
            parameters.Add(new("@prefix", prefix));
        }

        sql.Append(" ORDER BY id LIMIT @limit");
        parameters.Add(new("@limit", query.Limit));

        var command = connection.Command(sql.ToString());
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>
    /// Appends one scalar parameter per identifier for up to <see cref="MaxScalarIdentifiers"/> of them (the manager
    /// passes one or two: the normalized and the raw form), so that the list query's text, and its kept compiled
    /// statement, is the same for every lookup; beyond that, one JSON array (<c>json_each</c>).
    /// </summary>
    private static void AppendIdentifiers(StringBuilder sql, List<SqliteParameter> parameters, IReadOnlyCollection<string> identifiers)
    {
        string[] values = [.. identifiers.Where(static x => x is not null)];
        if (values.Length is 0 or > MaxScalarIdentifiers)
        {
            sql.Append("SELECT value FROM json_each(@identifiers)");
            parameters.Add(new("@identifiers", SqliteValues.JsonArray(values)));
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@identifier{i}");
            sql.Append(i == 0 ? "" : ", ").Append(name);
            parameters.Add(new(name, values[i]));
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id; nothing was written.</exception>
    public async ValueTask<Identity> UpdateAsync(Guid id, Func<Identity, Identity> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var id16 = SqliteValues.Blob(id);

        // Optimistic first: the delegate runs without holding the write lock.
        var (read, version) = await ReadVersionedAsync(connection, null, id16, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            throw new IdentityNotFoundException();
        }

        var updated = Apply(update, read, id);
        using var transaction = connection.BeginTransaction(deferred: false);
        var (latest, latestVersion) = await ReadVersionedAsync(connection, transaction, id16, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            throw new IdentityNotFoundException();
        }

        if (latestVersion != version)
        {
            // A concurrent write came first: run the delegate again on the latest state, now that no one else can write.
            updated = Apply(update, latest, id);
        }

        using var writer = new IdentityWriter(connection, transaction);
        var conflict = await writer.TryReplaceAsync(updated, IdentityUniqueValues.Of(updated), cancellationToken).ConfigureAwait(false);
        if (conflict is not null)
        {
            throw new IdentityConflictException(conflict);
        }

        transaction.Commit();
        return updated;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM identities WHERE id = @id"; // Index rows go by ON DELETE CASCADE.
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.Command("SELECT count(*) FROM identities");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static Identity Apply(Func<Identity, Identity> update, Identity current, Guid id)
    {
        var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
        if (updated.Id != id)
        {
            throw new InvalidOperationException("The update changed the identity's id; an identity keeps its id.");
        }

        return updated;
    }

    private static async ValueTask<(Identity? Identity, long Version)> ReadVersionedAsync(
        SqliteConnection connection, SqliteTransaction? transaction, byte[] id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document, version FROM identities WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, 0);
        }

        return (OryIdentityJson.Deserialize<Identity>(reader.GetString(0)), reader.GetInt64(1));
    }

    private static async ValueTask<Identity?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? OryIdentityJson.Deserialize<Identity>(reader.GetString(0))
            : null;
    }
}
