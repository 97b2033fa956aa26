using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// What a create, a delete and a find cost on PostgreSQL, counted rather than timed: commands the driver sends (Npgsql's
/// activities, one per command or batch: one round trip each) and WAL records, flushes and bytes (<c>pg_stat_wal</c>,
/// server-wide), per operation, for each side, one at a time. Plus the commit floor:
/// a bare one-row INSERT that pays one round trip and one WAL flush and nothing else.
/// </summary>
internal static class PostgreSqlCreateCounts
{
    private const int Operations = 200;

    /// <summary>A bare one-row INSERT in autocommit, into a scratch table in Ory.Identity's database.</summary>
    public static Func<Task> CommitFloor(PostgreSqlAnchorEngine engine)
    {
        using (var create = engine.OryDatabase.DataSource.CreateCommand("CREATE TABLE IF NOT EXISTS anchor_commit_floor (id uuid PRIMARY KEY, email text NOT NULL)"))
        {
            create.ExecuteNonQuery();
        }

        return async () =>
        {
            await using var insert = engine.OryDatabase.DataSource.CreateCommand("INSERT INTO anchor_commit_floor (id, email) VALUES ($1, $2)");
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Emails.Fresh(1)[0] });
            await insert.ExecuteNonQueryAsync();
        };
    }

    public static void Print(PostgreSqlAnchorEngine engine, OryAnchorSide ory, IAnchorSide userManager, string[] emails)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| per operation ({Operations} in a row, one thread) | commands sent | WAL records | WAL flushes | WAL bytes |"));
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var floor = CommitFloor(engine);
        Row("bare one-row INSERT (the floor)", engine.OryDatabase, engine, _ => floor());
        var oryCreated = new Queue<string>();
        var userManagerCreated = new Queue<string>();
        Row("Ory.Identity create", engine.OryDatabase, engine, async _ => oryCreated.Enqueue(await ory.CreateAsync(Emails.Fresh(1)[0])));
        Row("UserManager create", engine.AspNetDatabase, engine, async _ => userManagerCreated.Enqueue(await userManager.CreateAsync(Emails.Fresh(1)[0])));
        Row("Ory.Identity delete", engine.OryDatabase, engine, _ => ory.DeleteAsync(oryCreated.Dequeue()));
        Row("UserManager delete", engine.AspNetDatabase, engine, _ => userManager.DeleteAsync(userManagerCreated.Dequeue()));
        Row("Ory.Identity find by email (ListAsync)", engine.OryDatabase, engine, i => ory.FindByEmailAsync(emails[i * 7_919 % emails.Length]));
        Row("Ory.Identity find by email (FindByCredentialsIdentifierAsync)", engine.OryDatabase, engine, i => ory.FindDirectAsync(emails[i * 7_919 % emails.Length]));
        Row("UserManager find by email", engine.AspNetDatabase, engine, i => userManager.FindByEmailAsync(emails[i * 7_919 % emails.Length]));
    }

    private static void Row(string name, PostgreSqlBenchmarkDatabase database, PostgreSqlAnchorEngine engine, Func<int, Task> operation)
    {
        var commands = 0L;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = _ => Interlocked.Increment(ref commands),
        };
        var before = Statistics(database);
        ActivitySource.AddActivityListener(listener);
        for (var i = 0; i < Operations; i++)
        {
            operation(i).GetAwaiter().GetResult();
        }

        var sent = Interlocked.Read(ref commands);
        listener.Dispose();
        // Backends publish their statistics when they end: close the pooled connections of both sides first.
        engine.OryDatabase.DataSource.Clear();
        NpgsqlConnection.ClearAllPools();
        Thread.Sleep(500);
        var after = Statistics(database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {(double)sent / Operations:F2} | {(double)(after.WalRecords - before.WalRecords) / Operations:F1} | {(double)(after.WalSyncs - before.WalSyncs) / Operations:F2} | {(double)(after.WalBytes - before.WalBytes) / Operations:F0} |"));
    }

    // The server's WAL figures.
    private static (long WalRecords, long WalSyncs, long WalBytes) Statistics(PostgreSqlBenchmarkDatabase database)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT wal_records, wal_sync, wal_bytes::bigint FROM pg_stat_wal",
            connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
