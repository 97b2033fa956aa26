using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// The read-modify-write of a row with a <c>version</c> column: the delegate runs on the state read without a lock; then
/// under <c>BEGIN IMMEDIATE</c> (the database's write lock) the row is read again, and if its version moved (a
/// concurrent write came first) the delegate runs once more, on the latest state, under the lock. At most two runs, no
/// lost write, and the write lock is not held while the delegate runs in the common case.
/// </summary>
internal static class SqliteVersionedUpdate
{
    /// <summary>Reads one row and its version; null when none.</summary>
    public delegate ValueTask<(T? Row, long Version)> Reader<T>(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Writes the new state (and bumps the version) inside the transaction.</summary>
    public delegate ValueTask Writer<in T>(SqliteConnection connection, SqliteTransaction transaction, T row, CancellationToken cancellationToken);

    /// <summary>Runs the update; returns the stored state, or null when the row is not (or no longer) stored.</summary>
    /// <param name="database">The database.</param>
    /// <param name="read">Reads the row.</param>
    /// <param name="apply">The caller's update, checked (throws when it breaks a rule; nothing is written then).</param>
    /// <param name="write">Writes the row.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    public static async ValueTask<T?> RunAsync<T>(
        SqliteDatabase database,
        Reader<T> read,
        Func<T, T> apply,
        Writer<T> write,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (first, version) = await read(connection, null, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        var updated = apply(first);
        using var transaction = connection.BeginTransaction(deferred: false);
        var (latest, latestVersion) = await read(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        if (latestVersion != version)
        {
            updated = apply(latest); // A concurrent write came first: run again, under the write lock.
        }

        await write(connection, transaction, updated, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return updated;
    }
}
