using Microsoft.Data.Sqlite;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>
/// An open connection lent to one read operation at a time (<see cref="SqliteDatabase.OpenReaderAsync"/>), with the
/// commands it has run kept by SQL text: Microsoft.Data.Sqlite keeps a command's compiled statements until its text
/// changes or its connection closes, so running a kept command again skips <c>sqlite3_prepare</c>. Disposing it gives it
/// back to the database's idle readers.
/// </summary>
internal sealed class SqliteReadConnection : IAsyncDisposable
{
    /// <summary>At most this many statements are kept per connection; the list query's filters make a bounded number of texts.</summary>
    private const int MaxStatements = 32;

    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, SqliteCommand>? _statements;
    private SqliteCommand? _transient;

    public SqliteReadConnection(SqliteDatabase database, SqliteConnection connection, bool keepStatements)
    {
        _database = database;
        Connection = connection;
        _statements = keepStatements ? new Dictionary<string, SqliteCommand>(StringComparer.Ordinal) : null;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Whether the connection goes back to the idle readers when disposed (it keeps its statements).</summary>
    public bool Reusable => _statements is not null;

    /// <summary>A command for <paramref name="sql"/> with no parameters: the kept one when there is one, compiled once.</summary>
    public SqliteCommand Command(string sql)
    {
        if (_statements is not null && _statements.TryGetValue(sql, out var kept))
        {
            kept.Parameters.Clear();
            return kept;
        }

        var command = Connection.CreateCommand();
        command.CommandText = sql;
        if (_statements is not null && _statements.Count < MaxStatements)
        {
            _statements.Add(sql, command);
            return command;
        }

        _transient?.Dispose();
        _transient = command;
        return command;
    }

    /// <summary>Gives the connection back to the idle readers, or closes it.</summary>
    public ValueTask DisposeAsync()
    {
        _transient?.Dispose();
        _transient = null;
        return _database.ReturnReaderAsync(this);
    }

    /// <summary>Closes the connection and its statements.</summary>
    public async ValueTask CloseAsync()
    {
        if (_statements is not null)
        {
            foreach (var command in _statements.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            _statements.Clear();
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
