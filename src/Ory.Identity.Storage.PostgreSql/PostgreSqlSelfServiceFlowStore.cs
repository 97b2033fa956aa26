using NodaTime;
using Npgsql;
using static Ory.Identity.Storage.PostgreSql.PostgreSqlValues;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// An <see cref="ISelfServiceFlowStore"/> on PostgreSQL (or CockroachDB) through Npgsql: login and settings flows in
/// <c>self_service_flows</c>.
/// </summary>
/// <remarks>
/// The kind-specific <see cref="SelfServiceFlowRecord.Document"/> is a <c>text</c> column, so it comes back byte for
/// byte as stored (<c>jsonb</c> would reorder its keys and drop its whitespace). A read or update names the kind, so a
/// flow of the other kind is not found. <see cref="UpdateAsync"/> locks the flow's row (<c>SELECT … FOR UPDATE</c>)
/// while its delegate runs. Inserting a stored id throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class PostgreSqlSelfServiceFlowStore : ISelfServiceFlowStore
{
    private const string Columns = "id, kind, type, state, issued_at, expires_at, request_url, identity_id, document";

    private readonly PostgreSqlDatabase _storage;

    /// <summary>Creates a store on a data source whose database is already migrated (<see cref="PostgreSqlStorageMigrator"/>).</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    public PostgreSqlSelfServiceFlowStore(NpgsqlDataSource dataSource)
        : this(new PostgreSqlDatabase(dataSource, ownsDataSource: false, migrateOnStart: false))
    {
    }

    internal PostgreSqlSelfServiceFlowStore(PostgreSqlDatabase storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    private NpgsqlDataSource DataSource => _storage.DataSource;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A flow with this id is already stored; nothing was written.</exception>
    public async ValueTask InsertAsync(SelfServiceFlowRecord flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand($"INSERT INTO self_service_flows ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        command.Parameters.AddRange(Row(flow));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException("A flow with this id is already stored; flow ids are never reused.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SelfServiceFlowRecord?> GetAsync(Guid flowId, SelfServiceFlowKind kind, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand($"SELECT {Columns} FROM self_service_flows WHERE id = $1 AND kind = $2");
        command.Parameters.AddRange(new[] { Uuid(flowId), Text(kind.ToString()) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
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
        return PostgreSqlLockedUpdate.RunAsync(
            _storage,
            $"SELECT {Columns} FROM self_service_flows WHERE id = $1 AND kind = $2 FOR UPDATE",
            () => [Uuid(flowId), Text(kind.ToString())],
            Read,
            current => Apply(update, current),
            "UPDATE self_service_flows SET kind = $2, type = $3, state = $4, issued_at = $5, expires_at = $6, request_url = $7, " +
            "identity_id = $8, document = $9 WHERE id = $1",
            Row,
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        _storage.ExecuteAsync("DELETE FROM self_service_flows WHERE identity_id = $1", () => [Uuid(identityId)], cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default) =>
        _storage.ExecuteAsync("DELETE FROM self_service_flows WHERE expires_at <= $1", () => [Timestamp(before)], cancellationToken);

    private static SelfServiceFlowRecord Apply(Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update, SelfServiceFlowRecord current)
    {
        var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
        if (updated.Id != current.Id || updated.Kind != current.Kind)
        {
            throw new InvalidOperationException("The update changed the flow's id or kind; a flow keeps them.");
        }

        return updated;
    }

    private static NpgsqlParameter[] Row(SelfServiceFlowRecord flow) =>
    [
        Uuid(flow.Id),
        Text(flow.Kind.ToString()),
        Text(flow.Type.ToString()),
        Text(flow.State),
        Timestamp(flow.IssuedAt),
        Timestamp(flow.ExpiresAt),
        Text(flow.RequestUrl),
        Uuid(flow.IdentityId),
        Text(flow.Document ?? throw new ArgumentException("A flow's document is a JSON object, \"{}\" when empty.", nameof(flow))),
    ];

    private static SelfServiceFlowRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Kind = Enum.Parse<SelfServiceFlowKind>(reader.GetString(1)),
        Type = Enum.Parse<SelfServiceFlowType>(reader.GetString(2)),
        State = reader.GetString(3),
        IssuedAt = GetInstant(reader, 4),
        ExpiresAt = GetInstant(reader, 5),
        RequestUrl = reader.GetString(6),
        IdentityId = GetNullableGuid(reader, 7),
        Document = reader.GetString(8),
    };
}
