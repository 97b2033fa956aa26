using System.Diagnostics;
using System.Text.Json;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// A real SMTP server for one test: Debian's python3-aiosmtpd (<c>smtp_catcher.py</c>) on 127.0.0.1 and a free port,
/// writing what it receives to a temporary folder. Without aiosmtpd the tests that read mail are skipped with
/// <see cref="SkipReason"/>, except with <c>CI=true</c>, where they fail.
/// </summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    /// <summary>The environment variable naming a python3 that can import aiosmtpd (default: /usr/bin/python3, then python3).</summary>
    public const string PythonVariable = "ORY_IDENTITY_TEST_PYTHON";

    private static readonly Lazy<string?> PythonLazy = new(FindPython);
    private readonly Process _process;
    private readonly string _folder;

    private SmtpServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>Why the tests that read mail are skipped; null when they run (aiosmtpd is there, or CI requires it).</summary>
    public static string? SkipReason => PythonLazy.Value is not null || Ci.IsCi
        ? null
        : $"python3-aiosmtpd is not installed: apt-get install -y python3-aiosmtpd, or set {PythonVariable} to a python3 that can import aiosmtpd.";

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Kratos's <c>courier.smtp.connection_uri</c> for this server (plain SMTP, no STARTTLS).</summary>
    public Uri ConnectionUri => new($"smtp://127.0.0.1:{Port}/?disable_starttls=true");

    /// <summary>Starts a server on a free port (again on another port if the first was taken meanwhile).</summary>
    public static async Task<SmtpServer> StartAsync()
    {
        var python = PythonLazy.Value ?? throw new InvalidOperationException(SkipReason ?? "CI=true but python3-aiosmtpd is not installed (apt-get install -y python3-aiosmtpd).");
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_catcher.py");
        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory("ory-identity-smtp-").FullName;
            var port = LoopbackPort.Free();
            var process = Process.Start(new ProcessStartInfo(python, [script, folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (ready == "ready")
            {
                return new SmtpServer(process, folder, port);
            }

            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.Dispose();
            Directory.Delete(folder, recursive: true);
            if (attempt == 3 || !error.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SMTP server did not start: {error}");
            }
        }
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<DeliveredMessage> Messages => Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal)
        .Select(file => JsonSerializer.Deserialize<DeliveredMessage>(File.ReadAllText(file), SnakeCase)!)
        .ToList();

    /// <summary>Waits (up to <paramref name="timeout"/>) for the first message to <paramref name="recipient"/>.</summary>
    public async Task<DeliveredMessage> WaitForMessageToAsync(string recipient, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Messages.FirstOrDefault(m => m.RcptTos.Contains(recipient, StringComparer.OrdinalIgnoreCase)) is { } message)
            {
                return message;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No message to {recipient} arrived within {timeout.TotalSeconds:0} s ({Messages.Count} other messages).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server (its input closes, it exits) and deletes the received messages.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string? FindPython()
    {
        string[] candidates = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? [configured] : ["/usr/bin/python3", "python3"];
        foreach (var candidate in candidates)
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import aiosmtpd"]) { RedirectStandardError = true })!;
                probe.WaitForExit();
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under this name
            }
        }

        return null;
    }
}
