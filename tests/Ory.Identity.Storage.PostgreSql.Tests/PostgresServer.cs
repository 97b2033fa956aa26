using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use, once per test run: <c>ORY_IDENTITY_TEST_POSTGRES</c> (a connection string
/// whose user may create databases) when set; otherwise a throwaway server started here from the installed binaries
/// (<c>/usr/lib/postgresql/*/bin</c>; as the <c>postgres</c> user when running as root) on 127.0.0.1 and a free port,
/// in a temporary directory, stopped and deleted by a detached reaper once the test process has exited. Each project
/// that links this file says in a part of its own (<c>DurabilitySettings</c>) how durable the throwaway server is.
/// </summary>
/// <remarks>
/// Without PostgreSQL the tests are skipped with <see cref="SkipReason"/>, except when <c>CI=true</c>: there a missing
/// PostgreSQL fails every test that needs it.
/// </remarks>
internal static partial class PostgresServer
{
    public const string ConnectionStringVariable = "ORY_IDENTITY_TEST_POSTGRES";

    /// <summary>Where to find <c>initdb</c> and <c>pg_ctl</c> instead of <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public const string BinDirectoryVariable = "ORY_IDENTITY_TEST_POSTGRES_BIN";

    private static readonly Lazy<string> AdminConnectionStringLazy = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dataDirectory;
    private static string? _binDirectory;
    private static string? _root;

    /// <summary>Why the PostgreSQL tests are skipped; null when they run (PostgreSQL is available, or CI requires it).</summary>
    public static string? SkipReason { get; } = ComputeSkipReason();

    /// <summary>A connection string to the server's <c>postgres</c> database, as a user who may create databases.</summary>
    public static string AdminConnectionString => AdminConnectionStringLazy.Value;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? ComputeSkipReason()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable)) || FindBinDirectory() is not null || IsCi)
        {
            return null;
        }

        return $"PostgreSQL is not available: set {ConnectionStringVariable} to a connection string, or install PostgreSQL " +
               "(apt-get install -y postgresql) so that initdb and pg_ctl are under /usr/lib/postgresql/*/bin.";
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            $"CI=true but PostgreSQL is not available: set {ConnectionStringVariable} or install PostgreSQL (apt-get install -y postgresql).");
        var asRoot = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("ory-identity-pg-").FullName;
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", _root]);
        }

        _dataDirectory = Path.Combine(_root, "data");
        RunPostgres(asRoot, "initdb", ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        var port = FreePort();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {_root} -c max_connections=300 {DurabilitySettings}";
        StartReaper(asRoot);
        RunPostgres(asRoot, "pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>
    /// Starts a detached shell that waits for this process to end (however it ends: normally, by a crash or killed)
    /// and then stops the server and deletes its directory.
    /// </summary>
    private static void StartReaper(bool asRoot)
    {
        var pgCtl = Path.Combine(_binDirectory!, "pg_ctl");
        var stop = (asRoot ? "runuser -u postgres -- " : string.Empty) + $"'{pgCtl}' -D '{_dataDirectory}' -m immediate -w stop";
        var script = "exec </dev/null >/dev/null 2>&1; " +
                     $"while kill -0 {Environment.ProcessId}; do sleep 0.5; done; {stop}; rm -rf '{_root}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var reaper = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server's reaper.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPostgres(bool asRoot, string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
