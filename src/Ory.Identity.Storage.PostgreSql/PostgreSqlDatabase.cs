using Npgsql;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// What the stores of one container share: the data source (owned when built from a connection string) and the
/// once-per-container migration run before the first store call.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly bool _ownsDataSource;
    private readonly Lock _gate = new();
    private Task? _migration;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, bool ownsDataSource, bool migrateOnStart, bool prepareStatements = true)
    {
        DataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _ownsDataSource = ownsDataSource;
        PrepareStatements = prepareStatements && !new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Multiplexing;
        if (!migrateOnStart)
        {
            _migration = Task.CompletedTask;
        }
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Whether read statements and the single-identity insert are prepared (<see cref="PostgreSqlStorageOptions.PrepareStatements"/>, never with multiplexing).</summary>
    public bool PrepareStatements { get; }

    public static PostgreSqlDatabase Create(PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DataSource is { } dataSource)
        {
            return new PostgreSqlDatabase(dataSource, ownsDataSource: false, options.MigrateOnStart, options.PrepareStatements);
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "PostgreSQL storage needs a connection string or a data source: UsePostgreSqlStorage(connectionString).");
        }

        return new PostgreSqlDatabase(NpgsqlDataSource.Create(OwnConnectionString(options.ConnectionString)), ownsDataSource: true, options.MigrateOnStart, options.PrepareStatements);
    }

    /// <summary>
    /// The connection string of a data source only the stores use: without Npgsql's session reset when a connection goes
    /// back to the pool (<c>No Reset On Close</c>). The stores change no session state (no <c>SET</c>, <c>LISTEN</c>,
    /// temporary table or advisory lock; Npgsql still rolls back a transaction left open), and with prepared statements on
    /// the connection the reset is a query of seven statements sent ahead of every store call.
    /// </summary>
    public static string OwnConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    /// <summary>
    /// A command on <paramref name="connection"/>, prepared when <see cref="PrepareStatements"/> is on. Npgsql keeps a
    /// prepared statement per physical (pooled) connection: the first call on a connection parses and plans it once, later
    /// calls with the same SQL find it prepared and send only Bind/Execute, so the server does not plan it again.
    /// </summary>
    public async Task<NpgsqlCommand> CommandAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        if (PrepareStatements)
        {
            try
            {
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await command.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return command;
    }

    /// <summary>
    /// Runs one statement after the migration and returns the rows it affected; a serialization failure or deadlock
    /// (CockroachDB asks clients to retry) runs it again, with new <paramref name="parameters"/>.
    /// </summary>
    public async ValueTask<int> ExecuteAsync(string sql, Func<NpgsqlParameter[]> parameters, CancellationToken cancellationToken)
    {
        const int MaxAttempts = 10;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = DataSource.CreateCommand(sql);
                command.Parameters.AddRange(parameters());
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (PostgreSqlValues.IsRetryable(e) && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Completes once the schema is migrated (at once when migrations are off or done); a failed run is retried by the next call.</summary>
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var migration = Volatile.Read(ref _migration);
        if (migration is { IsCompletedSuccessfully: true })
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(WaitForMigrationAsync(cancellationToken));
    }

    private async Task WaitForMigrationAsync(CancellationToken cancellationToken)
    {
        Task migration;
        lock (_gate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = PostgreSqlStorageMigrator.MigrateAsync(DataSource, CancellationToken.None);
            }

            migration = _migration;
        }

        await migration.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }
}
