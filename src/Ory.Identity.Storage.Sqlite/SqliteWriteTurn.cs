namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// This process's turn to write to the database, from <see cref="SqliteDatabase.WaitToWriteAsync"/>; disposing it lets
/// the next writer of the process start.
/// </summary>
/// <remarks>
/// SQLite lets one connection write at a time. A connection that finds the write lock taken does not queue: its busy
/// handler sleeps and retries (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms, then 100 ms at a time, up to
/// <c>busy_timeout</c>), blocking its thread while it sleeps. With many concurrent writers in one process most of them
/// sleep past the moment the lock frees, so a write that takes a fraction of a millisecond waits tens of milliseconds
/// (the create p99 of the HTTP load test). Writers of one process therefore wait for their turn on an asynchronous gate
/// first, holding no thread, and start as soon as the previous one commits; SQLite's lock and busy timeout still order
/// them against other processes.
/// </remarks>
internal readonly struct SqliteWriteTurn : IDisposable
{
    private readonly SemaphoreSlim? _gate;

    public SqliteWriteTurn(SemaphoreSlim gate)
    {
        _gate = gate;
    }

    /// <summary>Ends the turn.</summary>
    public void Dispose() => _gate?.Release();
}
