using Microsoft.Data.Sqlite;
using NodaTime;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// An <see cref="ISelfServiceFlowStore"/> in a SQLite database file (Microsoft.Data.Sqlite), safe for concurrent use by
/// many threads and processes.
/// </summary>
/// <remarks>
/// Login and settings flows are rows of <c>self_service_flows</c> (migration 6): the typed columns every flow has, and
/// the kind-specific <see cref="SelfServiceFlowRecord.Document"/> as TEXT, returned byte for byte as stored. A read or
/// update names the kind, so a flow of the other kind is not found. <see cref="UpdateAsync"/> is optimistic on the row's
/// version (the delegate runs again under the write lock if a concurrent write came first). Inserting a stored id throws
/// <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class SqliteSelfServiceFlowStore : ISelfServiceFlowStore
{
    private const string Columns = "id, kind, type, state, issued_at, expires_at, request_url, identity_id, document, version";

    private readonly SqliteDatabase _database;

    /// <summary>Creates a store over the database of <paramref name="options"/>.</summary>
    /// <param name="options">The connection string and settings.</param>
    public SqliteSelfServiceFlowStore(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqliteSelfServiceFlowStore(SqliteDatabase database)
    {
        _database = database;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A flow with this id is already stored; nothing was written.</exception>
    public async ValueTask InsertAsync(SelfServiceFlowRecord flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO self_service_flows (" + Columns + ") " +
            "VALUES (@id, @kind, @type, @state, @issued_at, @expires_at, @request_url, @identity_id, @document, 0)";
        Bind(command, flow);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (SqliteValues.IsConstraint(e, SqliteValues.SqliteConstraintPrimaryKey))
        {
            throw new InvalidOperationException("A flow with this id is already stored; flow ids are never reused.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SelfServiceFlowRecord?> GetAsync(Guid flowId, SelfServiceFlowKind kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (flow, _) = await ReadVersionedAsync(connection, null, flowId, kind, cancellationToken).ConfigureAwait(false);
        return flow;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the flow's id or kind; nothing was written.</exception>
    public ValueTask<SelfServiceFlowRecord?> UpdateAsync(
        Guid flowId,
        SelfServiceFlowKind kind,
        Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return SqliteVersionedUpdate.RunAsync(
            _database,
            (connection, transaction, ct) => ReadVersionedAsync(connection, transaction, flowId, kind, ct),
            current => Apply(update, current),
            WriteAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM self_service_flows WHERE identity_id = @identity_id";
        command.Parameters.AddWithValue("@identity_id", SqliteValues.Blob(identityId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM self_service_flows WHERE expires_at <= @before";
        command.Parameters.AddWithValue("@before", SqliteValues.Micros(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SelfServiceFlowRecord Apply(Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update, SelfServiceFlowRecord current)
    {
        var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
        if (updated.Id != current.Id || updated.Kind != current.Kind)
        {
            throw new InvalidOperationException("The update changed the flow's id or kind; a flow keeps them.");
        }

        return updated;
    }

    private static async ValueTask WriteAsync(SqliteConnection connection, SqliteTransaction transaction, SelfServiceFlowRecord flow, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "UPDATE self_service_flows SET type = @type, state = @state, issued_at = @issued_at, expires_at = @expires_at, " +
            "request_url = @request_url, identity_id = @identity_id, document = @document, version = version + 1 " +
            "WHERE id = @id AND kind = @kind";
        Bind(command, flow);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, SelfServiceFlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow.Document, nameof(flow));
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(flow.Id));
        command.Parameters.AddWithValue("@kind", SqliteValues.Name(flow.Kind));
        command.Parameters.AddWithValue("@type", SqliteValues.Name(flow.Type));
        command.Parameters.AddWithValue("@state", flow.State);
        command.Parameters.AddWithValue("@issued_at", SqliteValues.Micros(flow.IssuedAt));
        command.Parameters.AddWithValue("@expires_at", SqliteValues.Micros(flow.ExpiresAt));
        command.Parameters.AddWithValue("@request_url", flow.RequestUrl);
        command.Parameters.AddWithValue("@identity_id", SqliteValues.BlobOrNull(flow.IdentityId));
        command.Parameters.AddWithValue("@document", flow.Document);
    }

    private static async ValueTask<(SelfServiceFlowRecord? Row, long Version)> ReadVersionedAsync(
        SqliteConnection connection, SqliteTransaction? transaction, Guid flowId, SelfServiceFlowKind kind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT " + Columns + " FROM self_service_flows WHERE id = @id AND kind = @kind";
        command.Parameters.AddWithValue("@id", SqliteValues.Blob(flowId));
        command.Parameters.AddWithValue("@kind", SqliteValues.Name(kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, 0);
        }

        var flow = new SelfServiceFlowRecord
        {
            Id = SqliteValues.ReadGuid(reader, 0),
            Kind = SqliteValues.ParseFlowKind(reader.GetString(1)),
            Type = SqliteValues.ParseFlowType(reader.GetString(2)),
            State = reader.GetString(3),
            IssuedAt = SqliteValues.ReadInstant(reader, 4),
            ExpiresAt = SqliteValues.ReadInstant(reader, 5),
            RequestUrl = reader.GetString(6),
            IdentityId = SqliteValues.ReadNullableGuid(reader, 7),
            Document = reader.GetString(8),
        };
        return (flow, reader.GetInt64(9));
    }
}
