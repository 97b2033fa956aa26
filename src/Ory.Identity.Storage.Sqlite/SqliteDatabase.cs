using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// One database file shared by the stores: opens a pooled connection per operation with the per-connection settings
/// (<c>busy_timeout</c>, <c>foreign_keys</c>, <c>synchronous</c>, <c>temp_store</c>) and makes sure, once, that the
/// schema is current.
/// </summary>
/// <remarks>
/// The settings belong to the SQLite connection handle, which the pool keeps open between operations, so they are applied
/// once per handle (remembered in a weak table keyed by the handle), not on every open: a lookup is then one statement,
/// not two.
/// <para>
/// <c>temp_store=MEMORY</c> keeps a write's savepoint journal (the pages a savepoint may have to restore) in memory: with
/// the default, SQLite spills it to a temporary file once it passes 64 KiB and then writes every page an item of a batch
/// touches to that file, twice per page (a 4-byte page number, then the page): 4 million writes for 100,000 identities
/// (benchmarks/results/2026-12-07-bulk-import.md). The stores create no temporary tables, so nothing else grows.
/// </para>
/// <para>
/// The identity store's reads go through <see cref="OpenReaderAsync"/> instead: with <see cref="SqliteStorageOptions.PrepareStatements"/> on, a few
/// connections stay open between reads, each keeping its compiled statements, so a lookup does not compile its SQL again
/// (Microsoft.Data.Sqlite drops a command's statements when its connection closes, pooled or not). At most
/// <see cref="MaxIdleReaders"/> wait idle; more concurrent reads open more and close them afterwards.
/// </para>
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly string _pragmas;
    private readonly bool _migrate;
    private readonly Lock _readyLock = new();
    private readonly ConditionalWeakTable<object, object> _configuredHandles = new();
    private readonly ConcurrentQueue<SqliteReadConnection> _idleReaders = new();
    private readonly bool _prepare;
    private int _idleCount;
    private bool _disposed;
    private Task? _ready;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ConnectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true }.ToString();
        var busy = (long)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={busy};PRAGMA foreign_keys=ON;PRAGMA synchronous={(options.SyncEveryCommit ? "FULL" : "NORMAL")};PRAGMA temp_store=MEMORY");
        _migrate = options.MigrateOnStart;
        _prepare = options.PrepareStatements;
    }

    /// <summary>How many open read connections wait for the next read now.</summary>
    public int IdleReaders => Volatile.Read(ref _idleCount);

    /// <summary>How many open read connections wait between reads, at most.</summary>
    public static int MaxIdleReaders { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>The connection string, with pooling on.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the stores migrate the schema themselves before their first operation.</summary>
    public bool MigratesOnStart => _migrate;

    /// <summary>Opens a connection after making sure, once, that the schema is current.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A connection for one read operation, after making sure, once, that the schema is current: an idle one with its
    /// compiled statements, or a new one. Dispose it when the read is done (its readers first).
    /// </summary>
    public async ValueTask<SqliteReadConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (_idleReaders.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        return new SqliteReadConnection(this, await OpenUncheckedAsync(cancellationToken).ConfigureAwait(false), _prepare);
    }

    /// <summary>Keeps <paramref name="reader"/> for the next read, or closes it (not reusable, broken, enough idle, disposed).</summary>
    public ValueTask ReturnReaderAsync(SqliteReadConnection reader)
    {
        if (reader.Reusable && reader.Connection.State == ConnectionState.Open && !Volatile.Read(ref _disposed))
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleReaders)
            {
                _idleReaders.Enqueue(reader);
                if (!Volatile.Read(ref _disposed))
                {
                    return ValueTask.CompletedTask;
                }

                return CloseIdleReadersAsync();
            }

            Interlocked.Decrement(ref _idleCount);
        }

        return reader.CloseAsync();
    }

    /// <summary>Closes the idle read connections; connections lent out close when they come back.</summary>
    public ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        return CloseIdleReadersAsync();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask CloseIdleReadersAsync()
    {
        while (_idleReaders.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            await idle.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens a connection with the per-connection settings, whatever the schema.</summary>
    public async ValueTask<SqliteConnection> OpenUncheckedAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection opened without a handle.");
            if (_configuredHandles.TryGetValue(handle, out _))
            {
                return connection;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _configuredHandles.AddOrUpdate(handle, handle);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Migrates the schema (when <see cref="SqliteStorageOptions.MigrateOnStart"/>) or checks that it is current, once; a
    /// failure is retried on the next call.
    /// </summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is { IsCompletedSuccessfully: true })
        {
            return ready;
        }

        lock (_readyLock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = PrepareAsync();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    // Not cancellable: one caller's token must not fail the preparation every caller shares.
    private async Task PrepareAsync()
    {
        await using var connection = await OpenUncheckedAsync(CancellationToken.None).ConfigureAwait(false);
        if (_migrate)
        {
            await SqliteStorageMigrator.MigrateConnectionAsync(connection, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var version = await SqliteStorageMigrator.GetVersionAsync(connection, null, CancellationToken.None).ConfigureAwait(false);
        if (version > SqliteMigrations.Latest)
        {
            throw SqliteStorageMigrator.NewerSchema(version);
        }

        if (version < SqliteMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {version}, not {SqliteMigrations.Latest}: run SqliteStorageMigrator.MigrateAsync or set MigrateOnStart.");
        }
    }
}
