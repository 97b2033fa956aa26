using System.Buffers;
using System.Text;
using Npgsql;
using static Ory.Identity.Storage.PostgreSql.PostgreSqlValues;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// An <see cref="IIdentityStore"/> on PostgreSQL (or CockroachDB) through Npgsql. Safe to share across threads and
/// across processes on one database: the database's unique constraints decide every conflict.
/// </summary>
/// <remarks>
/// <para>
/// An identity is one row of <c>identities</c> holding its Kratos JSON (<see cref="OryIdentityJson"/>) as
/// <c>jsonb</c>, plus one row per unique value in <c>identity_credential_identifiers</c> (type, identifier),
/// <c>identity_verifiable_addresses</c> and <c>identity_recovery_addresses</c> (via, value), whose primary keys are the
/// uniqueness rules and the lookup indexes; <c>identities.external_id</c> is <c>UNIQUE</c>. A write is one transaction:
/// a unique violation (SQLSTATE 23505) rolls it back, and the store then reads which of the identity's values is held
/// by another identity to report it (in the order credential identifiers, verifiable addresses, recovery addresses,
/// external id).
/// </para>
/// <para>
/// <see cref="UpdateAsync"/> locks the identity's row (<c>SELECT … FOR UPDATE</c>) for the transaction, so concurrent
/// updaters of one identity run one after the other and always see the latest state; the delegate runs while the lock
/// is held. Serialization failures and deadlocks (CockroachDB asks clients to retry) run the transaction again.
/// </para>
/// <para>
/// <see cref="InsertManyAsync"/> runs in one transaction and writes the accepted items with binary
/// <c>COPY … FROM STDIN</c>, one stream per table, serializing each document as its row is written (so the server works
/// on the rows already sent meanwhile). A batch whose values are all distinct is copied first, without reading anything:
/// when every value is free, which is the common case of an import, that saves the pre-check's round trip and its index
/// probes. A unique violation rolls it back, and the batch is then decided with the pre-check: it reads which of the
/// batch's values (and ids) are already held (one round trip, one index probe per value), decides each item in order in
/// memory and copies the accepted ones. After a batch met a held value, the next batches start with the pre-check until
/// one is found free of conflicts. Should a concurrent writer take a value in between, the violation rolls the batch back
/// and it is decided again.
/// </para>
/// <para>
/// Inserting an id that is already stored throws <see cref="InvalidOperationException"/> (ids come from the manager).
/// <c>jsonb</c> keeps values, not formatting: object keys of traits and metadata read back in <c>jsonb</c>'s order.
/// Reads select <c>document_text</c>, the stored generated column <c>document::text</c>, so the server does not convert
/// the <c>jsonb</c> on every read; <see cref="ListJsonAsync"/> rewrites that text in the serializer's member order
/// (<see cref="JsonbIdentityDocument"/>).
/// </para>
/// </remarks>
public sealed class PostgreSqlIdentityStore : IIdentityStore, IIdentityJsonListing
{
    private const int MaxAttempts = 10;

    /// <summary>Up to this many identifiers, a list query passes them as scalar parameters (<see cref="AppendIdentifiers"/>).</summary>
    private const int MaxScalarIdentifiers = 4;

    // The document as jsonb renders it, stored beside it by the database (migration 5): the text document::text gives,
    // without converting the jsonb on every read.
    private const string SelectDocument = "SELECT i.document_text FROM identities i";

    /// <summary>
    /// The identity's row and its unique values' rows in one statement (<see cref="InsertParameters"/>): the rows of the
    /// values are data-modifying <c>WITH</c> parts, and their foreign keys are checked at the end of the statement, when
    /// the identity's row is there. An empty array inserts no row.
    /// </summary>
    private const string InsertIdentityAndValues =
        "WITH credential_identifiers AS (INSERT INTO identity_credential_identifiers (type, identifier, identity_id) " +
        "SELECT k.a, k.b, $1 FROM unnest($9::text[], $10::text[]) AS k (a, b)), " +
        "verifiable_addresses AS (INSERT INTO identity_verifiable_addresses (via, value, identity_id) " +
        "SELECT k.a, k.b, $1 FROM unnest($11::text[], $12::text[]) AS k (a, b)), " +
        "recovery_addresses AS (INSERT INTO identity_recovery_addresses (via, value, identity_id) " +
        "SELECT k.a, k.b, $1 FROM unnest($13::text[], $14::text[]) AS k (a, b)) " +
        "INSERT INTO identities (id, schema_id, state, external_id, organization_id, document, created_at, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

    private readonly PostgreSqlDatabase _storage;

    // Whether InsertManyAsync copies a batch without the pre-check first; false after a batch met a held value, true
    // again after a batch the pre-check found free of conflicts.
    private bool _copyFirst = true;

    /// <summary>Creates a store on a data source whose database is already migrated (<see cref="PostgreSqlStorageMigrator"/>).</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    public PostgreSqlIdentityStore(NpgsqlDataSource dataSource)
        : this(new PostgreSqlDatabase(dataSource, ownsDataSource: false, migrateOnStart: false))
    {
    }

    internal PostgreSqlIdentityStore(PostgreSqlDatabase storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    /// <summary>Whether the next <see cref="InsertManyAsync"/> copies its batch before reading which values are held.</summary>
    internal bool CopiesFirst => Volatile.Read(ref _copyFirst);

    private NpgsqlDataSource DataSource => _storage.DataSource;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">An identity with this id is already stored.</exception>
    /// <remarks>
    /// One prepared statement (<see cref="InsertIdentityAndValues"/>) in one round trip, committed on its own: no
    /// <c>BEGIN</c> or <c>COMMIT</c> to send, so a create costs one round trip and the commit's WAL flush.
    /// </remarks>
    public async ValueTask InsertAsync(Identity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var keys = IdentityUniqueValues.Of(identity);
        var document = Serialize(identity);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var command = await _storage.CommandAsync(connection, InsertIdentityAndValues, InsertParameters(identity, document, keys), cancellationToken)
                    .ConfigureAwait(false);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                if (e.ConstraintName == PostgreSqlSchema.IdentitiesPrimaryKey)
                {
                    throw DuplicateId(e);
                }

                // The statement's parts may meet their constraints in any order: read which value is held (and whether
                // the id is), and report the first in reporting order.
                var taken = await ReadTakenAsync(connection, null, [keys], identity.Id, [identity.Id], cancellationToken).ConfigureAwait(false);
                if (taken.AnyIdStored)
                {
                    // Not e: its detail quotes the clashing identifier or address, not the id.
                    throw DuplicateId(null);
                }

                if (keys.FirstIn(taken) is { } conflict)
                {
                    throw new IdentityConflictException(conflict);
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }

                // The clashing identity went away meanwhile: try again.
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">An id is already stored or appears twice in the batch; nothing was written.</exception>
    public async ValueTask<IReadOnlyList<IdentityConflict?>> InsertManyAsync(
        IReadOnlyList<Identity> identities,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identities);
        if (identities.Count == 0)
        {
            return [];
        }

        var keys = new IdentityUniqueValues[identities.Count];
        var ids = new HashSet<Guid>(identities.Count);
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i] ?? throw new ArgumentException("The batch contains a null identity.", nameof(identities));
            if (!ids.Add(identity.Id))
            {
                throw new InvalidOperationException("The batch contains the same identity id twice.");
            }

            keys[i] = IdentityUniqueValues.Of(identity);
        }

        // Documents are serialized inside the COPY loop (IdentityCopy), so the server works on the rows already sent
        // while the next ones are serialized; kept for a second attempt.
        var documents = new string?[identities.Count];
        var copyFirst = Volatile.Read(ref _copyFirst) && NoValueTwice(keys);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var results = new IdentityConflict?[identities.Count];
                var accepted = new List<int>(identities.Count);
                if (copyFirst)
                {
                    accepted.AddRange(Enumerable.Range(0, identities.Count));
                }
                else
                {
                    var taken = await ReadTakenAsync(connection, transaction, keys, owner: null, [.. ids], cancellationToken).ConfigureAwait(false);
                    if (taken.AnyIdStored)
                    {
                        throw DuplicateId(null);
                    }

                    for (var i = 0; i < identities.Count; i++)
                    {
                        var conflict = keys[i].FirstIn(taken);
                        if (conflict is null)
                        {
                            keys[i].AddTo(taken);
                            accepted.Add(i);
                        }
                        else
                        {
                            results[i] = conflict;
                        }
                    }
                }

                await IdentityCopy.WriteAsync(connection, identities, accepted, documents, keys, cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (!copyFirst)
                {
                    // A batch decided with the pre-check and free of conflicts: let the next one copy first again.
                    Volatile.Write(ref _copyFirst, accepted.Count == identities.Count);
                }

                return results;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
            {
                if (e.ConstraintName == PostgreSqlSchema.IdentitiesPrimaryKey)
                {
                    throw DuplicateId(e);
                }

                // A value is held (copied first without the pre-check), or a concurrent writer took one after it was
                // read: decide the batch again with the pre-check, and let the next batches start with it too.
                if (copyFirst)
                {
                    copyFirst = false;
                    Volatile.Write(ref _copyFirst, false);
                }
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Whether no value of the batch is held by two of its items (so that copying every item may succeed).</summary>
    private static bool NoValueTwice(IdentityUniqueValues[] keys)
    {
        var seen = new TakenKeys();
        foreach (var key in keys)
        {
            if (key.FirstIn(seen) is not null)
            {
                return false;
            }

            key.AddTo(seen);
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await QuerySingleAsync($"{SelectDocument} WHERE i.id = $1", [Uuid(id)], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Identity?> GetByExternalIdAsync(string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return await QuerySingleAsync($"{SelectDocument} WHERE i.external_id = $1", [Text(externalId)], cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> FindByCredentialsIdentifierAsync(
        CredentialsType type,
        string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return await QuerySingleAsync(
            $"{SelectDocument} JOIN identity_credential_identifiers c ON c.identity_id = i.id WHERE c.type = $1 AND c.identifier = $2",
            [Text(type.Value), Text(identifier)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Identity?> FindByAddressAsync(
        AddressKind kind,
        AddressVia via,
        string value,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var table = kind switch
        {
            AddressKind.Verifiable => "identity_verifiable_addresses",
            AddressKind.Recovery => "identity_recovery_addresses",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return await QuerySingleAsync(
            $"{SelectDocument} JOIN {table} a ON a.identity_id = i.id WHERE a.via = $1 AND a.value = $2",
            [Text(IdentityUniqueValues.ViaName(via)), Text(value)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One query (<see cref="ListCommandAsync"/>).</remarks>
    public async ValueTask<IReadOnlyList<Identity>> ListAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenForListAsync(query, cancellationToken).ConfigureAwait(false);
        await using var command = await ListCommandAsync(connection, query, "i.document_text", cancellationToken).ConfigureAwait(false);
        var page = new List<Identity>(Math.Min(query.Limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(Deserialize(reader.GetString(0)));
        }

        return page;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The page <see cref="ListAsync"/> reads, each document written as the serializer writes the identity it holds,
    /// without its credentials: <see cref="JsonbIdentityDocument"/> rewrites <c>jsonb</c>'s text, and a document it does
    /// not take goes through the model (<see cref="OryIdentityJson"/>) instead.
    /// </remarks>
    public async ValueTask<IReadOnlyList<StoredIdentityJson>> ListJsonAsync(IdentityStoreQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenForListAsync(query, cancellationToken).ConfigureAwait(false);
        await using var command = await ListCommandAsync(connection, query, "i.id, i.document_text", cancellationToken).ConfigureAwait(false);
        var page = new List<StoredIdentityJson>(Math.Min(query.Limit, 256));
        var text = new ArrayBufferWriter<byte>(4096);
        var written = new ArrayBufferWriter<byte>(4096);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The text's UTF-8 bytes as they came (the row is already in Npgsql's buffer), without a string in between.
            text.ResetWrittenCount();
            using (var stream = reader.GetStream(1))
            {
                int read;
                while ((read = stream.Read(text.GetSpan(4096))) > 0)
                {
                    text.Advance(read);
                }
            }

            var document = JsonbIdentityDocument.TryWrite(text.WrittenSpan, written)
                ? written.WrittenSpan.ToArray()
                : OryIdentityJson.SerializeToUtf8Bytes(OryIdentityJson.Deserialize<Identity>(text.WrittenSpan) with { Credentials = new Dictionary<CredentialsType, IdentityCredentials>() });
            page.Add(new StoredIdentityJson(reader.GetGuid(0), document));
        }

        return page;
    }

    /// <summary>Checks a list query, then opens a connection once the schema is migrated.</summary>
    private async Task<NpgsqlConnection> OpenForListAsync(IdentityStoreQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The keyset page query, prepared on <paramref name="connection"/>: <c>id &gt; $after … ORDER BY id LIMIT $limit</c>
    /// on the primary key (PostgreSQL and CockroachDB order <c>uuid</c> by its bytes, as <see cref="GuidOrder"/>), with
    /// the filters as <c>AND</c> conditions; the identifier filters are semi-joins on <c>identity_credential_identifiers</c>.
    /// Filters set together all apply.
    /// </summary>
    private async Task<NpgsqlCommand> ListCommandAsync(NpgsqlConnection connection, IdentityStoreQuery query, string columns, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT ").Append(columns).Append(" FROM identities i WHERE i.id > $1");
        var parameters = new List<NpgsqlParameter> { Uuid(query.After) };
        if (query.OrganizationId is { } organization)
        {
            parameters.Add(Uuid(organization));
            sql.Append(" AND i.organization_id = $").Append(parameters.Count);
        }

        if (query.SchemaId is { } schemaId)
        {
            parameters.Add(Text(schemaId));
            sql.Append(" AND i.schema_id = $").Append(parameters.Count);
        }

        if (query.Ids is { } idFilter)
        {
            parameters.Add(Uuids([.. idFilter]));
            sql.Append(" AND i.id = ANY($").Append(parameters.Count).Append(')');
        }

        if (query.CredentialsIdentifiers is { } identifiers)
        {
            sql.Append(" AND i.id IN (SELECT c.identity_id FROM identity_credential_identifiers c WHERE c.identifier ");
            AppendIdentifiers(sql, parameters, [.. identifiers.Where(static x => x is not null)]);
            sql.Append(')');
        }

        if (query.CredentialsIdentifierPrefix is { } prefix)
        {
            parameters.Add(Text(prefix));
            sql.Append(" AND i.id IN (SELECT c.identity_id FROM identity_credential_identifiers c WHERE left(c.identifier, length($")
                .Append(parameters.Count).Append(")) = $").Append(parameters.Count).Append(')');
        }

        parameters.Add(Int(query.Limit));
        sql.Append(" ORDER BY i.id LIMIT $").Append(parameters.Count);
        return await _storage.CommandAsync(connection, sql.ToString(), [.. parameters], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends <c>IN ($n, …)</c> with one scalar parameter per value for up to <see cref="MaxScalarIdentifiers"/> values
    /// (the manager passes one or two: the normalized and the raw form), <c>= ANY($n)</c> with an array beyond. With
    /// scalars, the generic plan of the prepared statement costs what a custom plan costs, so PostgreSQL keeps it and stops
    /// planning on every call; with an array of unknown length it estimates ten rows and plans each call anew.
    /// </summary>
    private static void AppendIdentifiers(StringBuilder sql, List<NpgsqlParameter> parameters, string[] values)
    {
        if (values.Length is 0 or > MaxScalarIdentifiers)
        {
            parameters.Add(Texts(values));
            sql.Append("= ANY($").Append(parameters.Count).Append(')');
            return;
        }

        sql.Append("IN (");
        for (var i = 0; i < values.Length; i++)
        {
            parameters.Add(Text(values[i]));
            sql.Append(i == 0 ? "$" : ", $").Append(parameters.Count);
        }

        sql.Append(')');
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the id; nothing was written.</exception>
    public async ValueTask<Identity> UpdateAsync(Guid id, Func<Identity, Identity> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            IdentityUniqueValues? keys = null;
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                Identity current;
                await using (var select = new NpgsqlCommand($"{SelectDocument} WHERE i.id = $1 FOR UPDATE", connection, transaction))
                {
                    select.Parameters.Add(Uuid(id));
                    var document = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
                        ?? throw new IdentityNotFoundException();
                    current = Deserialize(document);
                }

                var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
                if (updated.Id != id)
                {
                    throw new InvalidOperationException("The update changed the identity's id; an identity keeps its id.");
                }

                keys = IdentityUniqueValues.Of(updated);
                await using (var batch = new NpgsqlBatch(connection, transaction))
                {
                    batch.BatchCommands.Add(Command(
                        "UPDATE identities SET schema_id = $2, state = $3, external_id = $4, organization_id = $5, document = $6, " +
                        "created_at = $7, updated_at = $8 WHERE id = $1",
                        IdentityRow(updated, Serialize(updated))));
                    batch.BatchCommands.Add(Command("DELETE FROM identity_credential_identifiers WHERE identity_id = $1", Uuid(id)));
                    batch.BatchCommands.Add(Command("DELETE FROM identity_verifiable_addresses WHERE identity_id = $1", Uuid(id)));
                    batch.BatchCommands.Add(Command("DELETE FROM identity_recovery_addresses WHERE identity_id = $1", Uuid(id)));
                    AddInsertKeys(batch, id, keys);
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && keys is not null)
            {
                var conflict = await FindConflictAsync(connection, keys, id, cancellationToken).ConfigureAwait(false);
                if (conflict is not null)
                {
                    throw new IdentityConflictException(conflict);
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand("DELETE FROM identities WHERE id = $1");
        command.Parameters.Add(Uuid(id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM identities");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Serialize(Identity identity) => OryIdentityJson.Serialize(identity);

    private static Identity Deserialize(string document) => OryIdentityJson.Deserialize<Identity>(document);

    private static InvalidOperationException DuplicateId(Exception? inner) =>
        new("An identity with this id is already stored; ids are generated by the manager and never reused.", inner);

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter[] IdentityRow(Identity identity, string document) =>
    [
        Uuid(identity.Id),
        Text(identity.SchemaId),
        Text(identity.State.Value),
        Text(identity.ExternalId),
        Uuid(identity.OrganizationId),
        Jsonb(document),
        Timestamp(identity.CreatedAt),
        Timestamp(identity.UpdatedAt),
    ];

    private static NpgsqlParameter[] InsertParameters(Identity identity, string document, IdentityUniqueValues keys) =>
    [
        .. IdentityRow(identity, document),
        Texts([.. keys.Credentials.Select(static k => k.Type)]),
        Texts([.. keys.Credentials.Select(static k => k.Identifier)]),
        Texts([.. keys.Verifiable.Select(static a => a.Via)]),
        Texts([.. keys.Verifiable.Select(static a => a.Value)]),
        Texts([.. keys.Recovery.Select(static a => a.Via)]),
        Texts([.. keys.Recovery.Select(static a => a.Value)]),
    ];

    private static void AddInsertKeys(NpgsqlBatch batch, Guid id, IdentityUniqueValues keys)
    {
        if (keys.Credentials.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO identity_credential_identifiers (type, identifier, identity_id) SELECT k.t, k.i, $3 FROM unnest($1::text[], $2::text[]) AS k (t, i)",
                Texts([.. keys.Credentials.Select(static k => k.Type)]),
                Texts([.. keys.Credentials.Select(static k => k.Identifier)]),
                Uuid(id)));
        }

        AddInsertAddresses(batch, "identity_verifiable_addresses", id, keys.Verifiable);
        AddInsertAddresses(batch, "identity_recovery_addresses", id, keys.Recovery);
    }

    private static void AddInsertAddresses(NpgsqlBatch batch, string table, Guid id, IReadOnlyList<(string Via, string Value)> addresses)
    {
        if (addresses.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"INSERT INTO {table} (via, value, identity_id) SELECT k.v, k.x, $3 FROM unnest($1::text[], $2::text[]) AS k (v, x)",
                Texts([.. addresses.Select(static a => a.Via)]),
                Texts([.. addresses.Select(static a => a.Value)]),
                Uuid(id)));
        }
    }

    /// <summary>Which of the identity's values another identity holds now, the first in reporting order; null when none.</summary>
    private static async Task<IdentityConflict?> FindConflictAsync(NpgsqlConnection connection, IdentityUniqueValues keys, Guid owner, CancellationToken cancellationToken)
    {
        var taken = await ReadTakenAsync(connection, null, [keys], owner, ids: null, cancellationToken).ConfigureAwait(false);
        return keys.FirstIn(taken);
    }

    /// <summary>
    /// The values of <paramref name="keys"/> held by stored identities (other than <paramref name="owner"/>), in one round
    /// trip. Each value is probed on its own through the index (<c>LATERAL (… LIMIT 1)</c> keeps the planner from hashing
    /// the whole table, which a join on <c>unnest</c> or <c>= ANY</c> on 100,000 rows made it do), so the cost follows the
    /// batch, not the table. With <paramref name="ids"/>, the same round trip also reads whether one of them is stored.
    /// </summary>
    private static async Task<TakenKeys> ReadTakenAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyList<IdentityUniqueValues> keys,
        Guid? owner,
        Guid[]? ids,
        CancellationToken cancellationToken)
    {
        var taken = new TakenKeys();
        var credentials = keys.SelectMany(static k => k.Credentials).Distinct().ToList();
        var verifiable = keys.SelectMany(static k => k.Verifiable).Distinct().ToList();
        var recovery = keys.SelectMany(static k => k.Recovery).Distinct().ToList();
        var externalIds = keys.Select(static k => k.ExternalId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

        await using var batch = new NpgsqlBatch(connection, transaction);
        AddHeldProbe(batch, "identity_credential_identifiers", "type", "identifier", credentials, owner);
        AddHeldProbe(batch, "identity_verifiable_addresses", "via", "value", verifiable, owner);
        AddHeldProbe(batch, "identity_recovery_addresses", "via", "value", recovery, owner);
        batch.BatchCommands.Add(Command(
            "SELECT k.a FROM unnest($1::text[]) AS k (a) CROSS JOIN LATERAL (SELECT 1 FROM identities t WHERE t.external_id = k.a" +
            (owner is null ? string.Empty : " AND t.id <> $2") + " LIMIT 1) AS held",
            Texts(externalIds),
            Uuid(owner)));
        if (ids is not null)
        {
            batch.BatchCommands.Add(Command("SELECT 1 FROM identities WHERE id = ANY($1) LIMIT 1", Uuids(ids)));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            taken.Credentials.Add((reader.GetString(0), reader.GetString(1)));
        }

        foreach (var set in new[] { taken.Verifiable, taken.Recovery })
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                set.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            taken.ExternalIds.Add(reader.GetString(0));
        }

        if (ids is not null)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            taken.AnyIdStored = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    /// <summary>Adds a query returning those of <paramref name="pairs"/> that a row of <paramref name="table"/> (not owned by <paramref name="owner"/>) holds.</summary>
    private static void AddHeldProbe(NpgsqlBatch batch, string table, string first, string second, List<(string, string)> pairs, Guid? owner) =>
        batch.BatchCommands.Add(Command(
            "SELECT k.a, k.b FROM unnest($1::text[], $2::text[]) AS k (a, b) CROSS JOIN LATERAL " +
            $"(SELECT 1 FROM {table} t WHERE t.{first} = k.a AND t.{second} = k.b" +
            (owner is null ? string.Empty : " AND t.identity_id <> $3") + " LIMIT 1) AS held",
            Texts([.. pairs.Select(static p => p.Item1)]),
            Texts([.. pairs.Select(static p => p.Item2)]),
            Uuid(owner)));

    private async Task<Identity?> QuerySingleAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = await _storage.CommandAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document
            ? Deserialize(document)
            : null;
    }
}
