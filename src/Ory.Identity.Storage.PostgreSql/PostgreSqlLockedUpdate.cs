using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// The read-modify-write of one row under its row lock: in one transaction, <c>SELECT … FOR UPDATE</c>, the caller's
/// delegate on the locked state, <c>UPDATE</c>, commit. Concurrent updates of the row queue on the lock (also across
/// processes), so none is lost; a serialization failure or deadlock runs the whole transaction again.
/// </summary>
internal static class PostgreSqlLockedUpdate
{
    private const int MaxAttempts = 10;

    /// <summary>Runs the update; returns the stored state, or null when no row matches the select.</summary>
    /// <param name="storage">The database.</param>
    /// <param name="selectForUpdate">The <c>SELECT … FOR UPDATE</c> of the row.</param>
    /// <param name="key">New parameters of the select, for each attempt.</param>
    /// <param name="read">Reads the selected row.</param>
    /// <param name="apply">The caller's update, checked (throws when it breaks a rule; nothing is written then).</param>
    /// <param name="update">The <c>UPDATE</c> of the row.</param>
    /// <param name="row">The parameters of the update for the new state.</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    public static async ValueTask<T?> RunAsync<T>(
        PostgreSqlDatabase storage,
        string selectForUpdate,
        Func<NpgsqlParameter[]> key,
        Func<NpgsqlDataReader, T> read,
        Func<T, T> apply,
        string update,
        Func<T, NpgsqlParameter[]> row,
        CancellationToken cancellationToken)
        where T : class
    {
        await storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await storage.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                T current;
                await using (var select = new NpgsqlCommand(selectForUpdate, connection, transaction))
                {
                    select.Parameters.AddRange(key());
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    current = read(reader);
                }

                var updated = apply(current);
                await using (var write = new NpgsqlCommand(update, connection, transaction))
                {
                    write.Parameters.AddRange(row(updated));
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (PostgresException e) when (PostgreSqlValues.IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }
}
