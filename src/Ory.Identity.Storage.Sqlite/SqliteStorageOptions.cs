namespace Ory.Identity.Storage.Sqlite;

/// <summary>Options of the SQLite stores (<c>UseSqliteStorage</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>
    /// The Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=identities.db</c>. Operations use several
    /// connections (each write opens its own pooled one), so the database must be a file (a private <c>:memory:</c>
    /// database would be a new, empty one per connection).
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=identities.db";

    /// <summary>
    /// Whether the stores bring the schema up to date themselves, once, before their first operation (and the health check
    /// before its first probe). When false, run <see cref="SqliteStorageMigrator.MigrateAsync"/> at deployment; the stores
    /// then refuse to work on a schema that is not current. Default: true.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How long a writer waits for another connection's write lock (SQLite <c>busy_timeout</c>) before failing with
    /// <c>SQLITE_BUSY</c>. SQLite serializes writers; this is how long one may queue. Default: 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether every commit is synced to disk (<c>synchronous=FULL</c>). The default, false (<c>synchronous=NORMAL</c>,
    /// the usual choice in WAL mode), never corrupts the database and never loses a commit when the process crashes; only a
    /// power loss or operating system crash may lose the last commits before a checkpoint.
    /// </summary>
    public bool SyncEveryCommit { get; set; }

    /// <summary>
    /// Whether the identity store keeps a few connections open between reads, each with its compiled statements, so that a lookup
    /// (by id, external id, credential identifier or address, and list pages) does not compile its SQL on every call.
    /// Default: true. Set false to have every read open and close a pooled connection of its own, e.g. when
    /// <c>SqliteConnection.ClearAllPools()</c> must release the database file while the stores are in use. At most
    /// <c>max(4, 2 × processors)</c> connections wait idle per database; they close when the service provider of
    /// <c>UseSqliteStorage</c> is disposed (for a store made with <c>new</c>, when it is garbage-collected).
    /// </summary>
    public bool PrepareStatements { get; set; } = true;
}
