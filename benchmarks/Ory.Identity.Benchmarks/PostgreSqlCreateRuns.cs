using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ory.Identity.Storage.PostgreSql.Tests;

namespace Ory.Identity.Benchmarks;

/// <summary>
/// Creating one identity on PostgreSQL, one commit each, through each side's public API: Ory.Identity's
/// <see cref="IIdentityManager.CreateAsync"/> on <c>UsePostgreSqlStorage(connectionString)</c> beside
/// <see cref="UserManager{TUser}.CreateAsync(TUser)"/> over <c>AddEntityFrameworkStores&lt;IdentityDbContext&gt;</c> (EF Core
/// 10 with Npgsql's provider, a service scope per create as in a web request), and beside them the floor: one bare
/// <c>INSERT</c> of a row with a 1 KB <c>jsonb</c> document, in its own commit (one round trip plus the WAL flush).
/// Each side runs with 1 writer and with <see cref="Writers"/> concurrent writers, round after round, in rotating order;
/// prints creates per second, the ratio to UserManager within each round, and bytes allocated per create.
/// </summary>
/// <remarks>
/// Each side has a database of its own on one server (<c>ORY_IDENTITY_TEST_POSTGRES</c>, or a throwaway server with
/// PostgreSQL's default durability). With <c>--sync-off</c> both databases get <c>synchronous_commit = off</c>, so a
/// commit no longer waits for its WAL flush: the difference to a normal run is what the flush costs (never set it on a
/// database you keep).
/// </remarks>
internal static class PostgreSqlCreateRuns
{
    /// <summary>The command-line switch: <c>--pg-create &lt;rounds&gt; &lt;creates per measurement&gt; [--sync-off]</c>.</summary>
    public const string Switch = "--pg-create";

    /// <summary>Concurrent writers of the second measurement of each side.</summary>
    public const int Writers = 16;

    private const string FloorTable = "CREATE TABLE floor_rows (id uuid PRIMARY KEY, document jsonb NOT NULL)";

    // The server's postmaster, whose children's CPU time is the server's share (null when it runs on another machine).
    private static string? s_postmaster;

    public static void Run(int rounds, int creates, bool synchronousCommitOff) =>
        RunAsync(rounds, creates, synchronousCommitOff).GetAwaiter().GetResult();

    private static async Task RunAsync(int rounds, int creates, bool synchronousCommitOff)
    {
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var oryDatabase = "ory_create_" + suffix;
        var efDatabase = "ef_create_" + suffix;
        foreach (var database in new[] { oryDatabase, efDatabase })
        {
            await AdminAsync($"CREATE DATABASE {database}");
            if (synchronousCommitOff)
            {
                await AdminAsync($"ALTER DATABASE {database} SET synchronous_commit = off");
            }
        }

        var load = RecoveryTimingRuns.LoadAverage();
        var oryDataSource = NpgsqlDataSource.Create(ConnectionString(oryDatabase));
        try
        {
            await using (var command = oryDataSource.CreateCommand(FloorTable))
            {
                await command.ExecuteNonQueryAsync();
            }

            s_postmaster = await PostmasterAsync(oryDataSource);

            using var ory = new OryHost(builder => builder.UsePostgreSqlStorage(ConnectionString(oryDatabase)));
            await using var userManager = await UserManagerOnEfCoreAsync(ConnectionString(efDatabase));
            var document = OryIdentityJson.Serialize(await ory.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0])));

            (string Name, Func<Task> Create)[] sides =
            [
                ("UserManager + EF Core", () => userManager.CreateAsync(Emails.Fresh(1)[0])),
                ("IIdentityManager.CreateAsync", () => ory.Manager.CreateAsync(OryHost.Request(Emails.Fresh(1)[0]))),
                ("floor: one INSERT, one commit", () => InsertFloorRowAsync(oryDataSource, document)),
            ];
            foreach (var (_, create) in sides)
            {
                await MeasureAsync(create, Math.Max(creates / 5, 50), Writers); // Warm-up: pools filled, statements prepared, JIT settled.
            }

            var perSecond = sides.Select(_ => new[] { new List<double>(), new List<double>() }).ToArray();
            var allocated = sides.Select(_ => new List<double>()).ToArray();
            var clientCpu = sides.Select(_ => new List<double>()).ToArray();
            var serverCpu = sides.Select(_ => new List<double>()).ToArray();
            var ratios = new[] { new List<double>(), new List<double>() };
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < sides.Length; i++)
                {
                    var at = (i + round) % sides.Length; // Rotates the order so no side always runs first.
                    var single = await MeasureAsync(sides[at].Create, creates, writers: 1);
                    var concurrent = await MeasureAsync(sides[at].Create, creates, Writers);
                    perSecond[at][0].Add(single.PerSecond);
                    perSecond[at][1].Add(concurrent.PerSecond);
                    allocated[at].Add(single.BytesPerCreate);
                    clientCpu[at].Add(concurrent.ClientCpuMicroseconds);
                    serverCpu[at].Add(concurrent.ServerCpuMicroseconds);
                }

                for (var writers = 0; writers < 2; writers++)
                {
                    ratios[writers].Add(perSecond[1][writers][^1] / perSecond[0][writers][^1]);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL create: {rounds} rounds of {creates} creates per side and measurement, synchronous_commit {(synchronousCommitOff ? "off" : "on (default)")}, " +
                $"{Environment.ProcessorCount} cores, load average {load} before, {RecoveryTimingRuns.LoadAverage()} after"));
            Console.WriteLine($"| side | creates/s, 1 writer (median) | creates/s, {Writers} writers (median) | allocated per create, 1 writer | CPU µs per create, {Writers} writers: this process | server |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            for (var i = 0; i < sides.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {sides[i].Name} | {Median(perSecond[i][0]):F0} | {Median(perSecond[i][1]):F0} | {Median(allocated[i]) / 1024:F1} KB | {Median(clientCpu[i]):F0} | {Median(serverCpu[i]):F0} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ory.Identity / UserManager, ratio within each round: 1 writer {Median(ratios[0]):F2}× (rounds: {string.Join(", ", ratios[0].Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}); " +
                $"{Writers} writers {Median(ratios[1]):F2}× (rounds: {string.Join(", ", ratios[1].Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})"));
        }
        finally
        {
            await oryDataSource.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS {oryDatabase} WITH (FORCE)");
            await AdminAsync($"DROP DATABASE IF EXISTS {efDatabase} WITH (FORCE)");
        }
    }

    /// <summary>
    /// <paramref name="creates"/> creates by <paramref name="writers"/> concurrent loops: creates per second, bytes allocated
    /// per create, and CPU time per create in this process and in the server's processes (when it runs on this machine).
    /// </summary>
    private static async Task<Measurement> MeasureAsync(Func<Task> create, int creates, int writers)
    {
        var remaining = creates;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serverBefore = ServerCpu();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await create();
            }
        })));
        stopwatch.Stop();
        return new Measurement(
            creates / stopwatch.Elapsed.TotalSeconds,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / creates,
            (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalMicroseconds / creates,
            (ServerCpu() - serverBefore).TotalMicroseconds / creates);
    }

    /// <summary>CPU time used so far by the server's processes (the postmaster's children: backends, WAL writer, …); zero when it runs elsewhere.</summary>
    private static TimeSpan ServerCpu()
    {
        if (s_postmaster is not { } postmaster)
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // After "pid (comm) ": state, ppid, …
                if (fields[1] == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Not a process, or it ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    /// <summary>The postmaster's pid, read from a backend's parent; null when the server is not on this machine.</summary>
    private static async Task<string?> PostmasterAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_backend_pid()");
        var backend = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var path = $"/proc/{backend}/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var stat = await File.ReadAllTextAsync(path);
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
    }

    private readonly record struct Measurement(double PerSecond, double BytesPerCreate, double ClientCpuMicroseconds, double ServerCpuMicroseconds);

    private static async Task InsertFloorRowAsync(NpgsqlDataSource dataSource, string document)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO floor_rows (id, document) VALUES ($1, $2::jsonb)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = document });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<UserManagerOnEfCore> UserManagerOnEfCoreAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContextPool<IdentityDbContext>(options => options.UseNpgsql(connectionString));
        services.AddIdentityCore<IdentityUser>(options => options.User.RequireUniqueEmail = true)
            .AddEntityFrameworkStores<IdentityDbContext>();
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.EnsureCreatedAsync();
        }

        return new UserManagerOnEfCore(provider);
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary><see cref="UserManager{TUser}"/> over EF Core's stores: a scope (and pooled DbContext) per create.</summary>
    private sealed class UserManagerOnEfCore(ServiceProvider provider) : IAsyncDisposable
    {
        public async Task CreateAsync(string email)
        {
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var result = await users.CreateAsync(new IdentityUser { UserName = email, Email = email });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Errors.First().Description);
            }
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
