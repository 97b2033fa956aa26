using NodaTime;
using Npgsql;
using static Ory.Identity.Storage.PostgreSql.SqlValues;

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
    private const int MaxAttempts = 10;

    private const string Columns = "id, kind, type, state, issued_at, expires_at, request_url, identity_id, document";

    private readonly PostgreSqlStorage _storage;

    /// <summary>Creates a store on a data source whose database is already migrated (<see cref="PostgreSqlMigrator"/>).</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    public PostgreSqlSelfServiceFlowStore(NpgsqlDataSource dataSource)
        : this(new PostgreSqlStorage(dataSource, ownsDataSource: false, migrateOnStart: false))
    {
    }

    internal PostgreSqlSelfServiceFlowStore(PostgreSqlStorage storage)
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
    public async ValueTask<SelfServiceFlowRecord?> UpdateAsync(
        Guid flowId,
        SelfServiceFlowKind kind,
        Func<SelfServiceFlowRecord, SelfServiceFlowRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                SelfServiceFlowRecord current;
                await using (var select = new NpgsqlCommand(
                    $"SELECT {Columns} FROM self_service_flows WHERE id = $1 AND kind = $2 FOR UPDATE", connection, transaction))
                {
                    select.Parameters.AddRange(new[] { Uuid(flowId), Text(kind.ToString()) });
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    current = Read(reader);
                }

                var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
                if (updated.Id != current.Id || updated.Kind != current.Kind)
                {
                    throw new InvalidOperationException("The update changed the flow's id or kind; a flow keeps them.");
                }

                await using (var write = new NpgsqlCommand(
                    "UPDATE self_service_flows SET kind = $2, type = $3, state = $4, issued_at = $5, expires_at = $6, request_url = $7, " +
                    "identity_id = $8, document = $9 WHERE id = $1",
                    connection,
                    transaction))
                {
                    write.Parameters.AddRange(Row(updated));
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand("DELETE FROM self_service_flows WHERE identity_id = $1");
        command.Parameters.Add(Uuid(identityId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteExpiredAsync(Instant before, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand("DELETE FROM self_service_flows WHERE expires_at <= $1");
        command.Parameters.Add(Timestamp(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
