using NodaTime;
using Npgsql;
using static Ory.Identity.Storage.PostgreSql.PostgreSqlValues;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// An <see cref="IRecoveryStore"/> on PostgreSQL (or CockroachDB) through Npgsql: <c>recovery_flows</c> and
/// <c>recovery_secrets</c> (hashes only, deleted with their flow by <c>ON DELETE CASCADE</c>).
/// </summary>
/// <remarks>
/// <para>
/// Redemption is one statement, <c>UPDATE recovery_secrets SET used_at = $now WHERE flow_id = … AND method = … AND
/// hash = ANY($hashes) AND used_at IS NULL AND expires_at &gt; $now RETURNING …</c>: the row lock serializes concurrent
/// consumers and the losers re-check <c>used_at IS NULL</c>, so exactly one gets the secret, also across processes.
/// <see cref="IncrementSubmitCountAsync"/> is one <c>UPDATE … RETURNING submit_count</c>; <see cref="UpdateFlowAsync"/>
/// locks the flow's row (<c>SELECT … FOR UPDATE</c>) while its delegate runs. <see cref="TryCountMessageAsync"/> is one
/// <c>INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING</c> on <c>recovery_message_windows</c>: the conflicting row is
/// locked while its window is checked, so instances sharing the database share one budget per address.
/// </para>
/// <para>
/// Inserting a flow id that is stored, a secret id that is stored, or a secret whose flow is not stored throws
/// <see cref="InvalidOperationException"/>. The delete counts include the secrets that went with a deleted flow.
/// </para>
/// </remarks>
public sealed class PostgreSqlRecoveryStore : IRecoveryStore
{
    private const int MaxAttempts = 10;

    private const string FlowColumns =
        "id, type, active, state, issued_at, expires_at, request_url, return_to, identity_id, recovered_identity_id, submit_count";

    private const string SecretColumns =
        "id, flow_id, identity_id, method, origin, hash, recovery_address_id, created_at, expires_at, used_at";

    private readonly PostgreSqlDatabase _storage;

    /// <summary>Creates a store on a data source whose database is already migrated (<see cref="PostgreSqlStorageMigrator"/>).</summary>
    /// <param name="dataSource">The database; the caller keeps ownership.</param>
    public PostgreSqlRecoveryStore(NpgsqlDataSource dataSource)
        : this(new PostgreSqlDatabase(dataSource, ownsDataSource: false, migrateOnStart: false))
    {
    }

    internal PostgreSqlRecoveryStore(PostgreSqlDatabase storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    private NpgsqlDataSource DataSource => _storage.DataSource;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A flow with this id is already stored.</exception>
    public async ValueTask InsertFlowAsync(RecoveryFlowRecord flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand(
            $"INSERT INTO recovery_flows ({FlowColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
        command.Parameters.AddRange(FlowRow(flow));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException("A recovery flow with this id is already stored; flow ids are never reused.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<RecoveryFlowRecord?> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand($"SELECT {FlowColumns} FROM recovery_flows WHERE id = $1");
        command.Parameters.Add(Uuid(flowId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadFlow(reader) : null;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The update returned null or changed the flow's id; nothing was written.</exception>
    public ValueTask<RecoveryFlowRecord?> UpdateFlowAsync(
        Guid flowId,
        Func<RecoveryFlowRecord, RecoveryFlowRecord> update,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return PostgreSqlLockedUpdate.RunAsync(
            _storage,
            $"SELECT {FlowColumns} FROM recovery_flows WHERE id = $1 FOR UPDATE",
            () => [Uuid(flowId)],
            ReadFlow,
            current =>
            {
                var updated = update(current) ?? throw new InvalidOperationException("The update returned null.");
                return updated.Id == flowId ? updated : throw new InvalidOperationException("The update changed the flow's id; a flow keeps its id.");
            },
            "UPDATE recovery_flows SET type = $2, active = $3, state = $4, issued_at = $5, expires_at = $6, request_url = $7, " +
            "return_to = $8, identity_id = $9, recovered_identity_id = $10, submit_count = $11 WHERE id = $1",
            FlowRow,
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<int?> IncrementSubmitCountAsync(Guid flowId, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand("UPDATE recovery_flows SET submit_count = submit_count + 1 WHERE id = $1 RETURNING submit_count");
        command.Parameters.Add(Uuid(flowId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int count ? count : null;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// No flow with the secret's <see cref="RecoverySecret.FlowId"/> is stored, or a secret with this id is; nothing was written.
    /// </exception>
    public async ValueTask InsertSecretAsync(RecoverySecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(secret.Hash, nameof(secret));
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand(
            $"INSERT INTO recovery_secrets ({SecretColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
        command.Parameters.AddRange(new NpgsqlParameter[]
        {
            Uuid(secret.Id),
            Uuid(secret.FlowId),
            Uuid(secret.IdentityId),
            Text(secret.Method.ToString()),
            Text(secret.Origin.ToString()),
            Text(secret.Hash),
            Uuid(secret.RecoveryAddressId),
            Timestamp(secret.CreatedAt),
            Timestamp(secret.ExpiresAt),
            Timestamp(secret.UsedAt),
        });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new InvalidOperationException("No recovery flow with this id is stored; insert the flow before its secrets.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException("A recovery secret with this id is already stored; secret ids are never reused.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteUnusedSecretsAsync(Guid flowId, RecoveryMethod method, CancellationToken cancellationToken = default)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DataSource.CreateCommand(
            "DELETE FROM recovery_secrets WHERE flow_id = $1 AND method = $2 AND used_at IS NULL");
        command.Parameters.AddRange(new NpgsqlParameter[] { Uuid(flowId), Text(method.ToString()) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<RecoverySecret?> ConsumeSecretAsync(
        Guid flowId,
        RecoveryMethod method,
        IReadOnlyCollection<string> hashes,
        Instant now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (hashes.Count == 0)
        {
            return null;
        }

        await using var command = DataSource.CreateCommand(
            "UPDATE recovery_secrets SET used_at = $4 " +
            "WHERE flow_id = $1 AND method = $2 AND hash = ANY($3) AND used_at IS NULL AND expires_at > $4 " +
            $"RETURNING {SecretColumns}");
        command.Parameters.AddRange(new NpgsqlParameter[] { Uuid(flowId), Text(method.ToString()), Texts([.. hashes]), Timestamp(now) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSecret(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask<RecoverySecret?> FindSecretAsync(
        Guid flowId,
        RecoveryMethod method,
        IReadOnlyCollection<string> hashes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (hashes.Count == 0)
        {
            return null;
        }

        await using var command = DataSource.CreateCommand(
            $"SELECT {SecretColumns} FROM recovery_secrets WHERE flow_id = $1 AND method = $2 AND hash = ANY($3) LIMIT 1");
        command.Parameters.AddRange(new NpgsqlParameter[] { Uuid(flowId), Text(method.ToString()), Texts([.. hashes]) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSecret(reader) : null;
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByIdentityAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        DeleteAsync(
            Uuid(identityId),
            cancellationToken,
            "DELETE FROM recovery_secrets WHERE identity_id = $1 " +
            "OR flow_id IN (SELECT f.id FROM recovery_flows f WHERE f.identity_id = $1 OR f.recovered_identity_id = $1)",
            "DELETE FROM recovery_flows WHERE identity_id = $1 OR recovered_identity_id = $1");

    /// <inheritdoc />
    public ValueTask<int> DeleteExpiredAsync(Instant now, CancellationToken cancellationToken = default) =>
        DeleteAsync(
            Timestamp(now),
            cancellationToken,
            "DELETE FROM recovery_secrets WHERE expires_at <= $1 OR flow_id IN (SELECT f.id FROM recovery_flows f WHERE f.expires_at <= $1)",
            "DELETE FROM recovery_flows WHERE expires_at <= $1",
            "DELETE FROM recovery_message_windows WHERE expires_at <= $1");

    /// <inheritdoc />
    public async ValueTask<bool> TryCountMessageAsync(string addressKey, int budget, Instant now, Duration window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(addressKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, Duration.Zero);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Starts a window, counts in the current one, or (past the budget) updates no row and returns nothing.
                await using var command = DataSource.CreateCommand(
                    "INSERT INTO recovery_message_windows AS w (address_key, sent, expires_at) VALUES ($1, 1, $3) " +
                    "ON CONFLICT (address_key) DO UPDATE SET " +
                    "sent = CASE WHEN w.expires_at <= $2 THEN 1 ELSE w.sent + 1 END, " +
                    "expires_at = CASE WHEN w.expires_at <= $2 THEN $3 ELSE w.expires_at END " +
                    "WHERE w.expires_at <= $2 OR w.sent < $4 RETURNING w.sent");
                command.Parameters.AddRange(new NpgsqlParameter[] { Text(addressKey), Timestamp(now), Timestamp(now + window), Int(budget) });
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Runs the delete statements in order (secrets before their flows) in one transaction; returns how many rows went.</summary>
    private async ValueTask<int> DeleteAsync(NpgsqlParameter parameter, CancellationToken cancellationToken, params string[] statements)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var statement in statements)
                {
                    var command = new NpgsqlBatchCommand(statement);
                    command.Parameters.Add(parameter.Clone());
                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return batch.BatchCommands.Sum<NpgsqlBatchCommand>(c => c.RecordsAffected);
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    private static NpgsqlParameter[] FlowRow(RecoveryFlowRecord flow) =>
    [
        Uuid(flow.Id),
        Text(flow.Type.ToString()),
        Text(flow.Active.ToString()),
        Text(flow.State.ToString()),
        Timestamp(flow.IssuedAt),
        Timestamp(flow.ExpiresAt),
        Text(flow.RequestUrl),
        Text(flow.ReturnTo),
        Uuid(flow.IdentityId),
        Uuid(flow.RecoveredIdentityId),
        Int(flow.SubmitCount),
    ];

    private static RecoveryFlowRecord ReadFlow(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Type = Enum.Parse<SelfServiceFlowType>(reader.GetString(1)),
        Active = Enum.Parse<RecoveryMethod>(reader.GetString(2)),
        State = Enum.Parse<RecoveryFlowState>(reader.GetString(3)),
        IssuedAt = GetInstant(reader, 4),
        ExpiresAt = GetInstant(reader, 5),
        RequestUrl = reader.GetString(6),
        ReturnTo = GetNullableString(reader, 7),
        IdentityId = GetNullableGuid(reader, 8),
        RecoveredIdentityId = GetNullableGuid(reader, 9),
        SubmitCount = reader.GetInt32(10),
    };

    private static RecoverySecret ReadSecret(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        FlowId = reader.GetGuid(1),
        IdentityId = reader.GetGuid(2),
        Method = Enum.Parse<RecoveryMethod>(reader.GetString(3)),
        Origin = Enum.Parse<RecoverySecretOrigin>(reader.GetString(4)),
        Hash = reader.GetString(5),
        RecoveryAddressId = GetNullableGuid(reader, 6),
        CreatedAt = GetInstant(reader, 7),
        ExpiresAt = GetInstant(reader, 8),
        UsedAt = GetNullableInstant(reader, 9),
    };
}
