using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>How the test server secures its connections.</summary>
internal enum SmtpServerTls
{
    None,
    StartTls,
    Implicit,
}

/// <summary>A message the test server received: the MIME message and its SMTP envelope.</summary>
internal sealed record ReceivedMail(MimeMessage Message, string MailFrom, IReadOnlyList<string> Recipients, bool Authenticated, bool Tls, string Helo);

/// <summary>
/// A real SMTP server for a test: Debian's python3-aiosmtpd (<c>/usr/bin/python3</c>) running Support/smtp_server.py on
/// 127.0.0.1 and a free port, writing each received message to a temporary folder. Stopped (stdin closed, then killed
/// if need be) and the folder deleted on dispose; the script also exits when the test process dies.
/// </summary>
internal sealed class AiosmtpdServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _folder;

    private AiosmtpdServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why tests that need the server are skipped; null when they run (aiosmtpd is installed, or CI requires it).</summary>
    public static string? SkipReason { get; } = ComputeSkipReason();

    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    public static async Task<AiosmtpdServer> StartAsync(
        int? port = null,
        SmtpServerTls tls = SmtpServerTls.None,
        TestCertificate? certificate = null,
        string? auth = null,
        string? refuseRecipientsEndingWith = null)
    {
        var folder = Directory.CreateTempSubdirectory("ory-identity-smtp-").FullName;
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Support", "smtp_server.py"), "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", folder })
        {
            start.ArgumentList.Add(argument);
        }

        if (tls != SmtpServerTls.None)
        {
            var cert = certificate ?? throw new ArgumentNullException(nameof(certificate), "TLS needs a certificate.");
            foreach (var argument in new[] { "--tls", tls == SmtpServerTls.StartTls ? "starttls" : "implicit", "--cert", cert.CertificatePath, "--key", cert.KeyPath })
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (auth is not null)
        {
            start.ArgumentList.Add("--auth");
            start.ArgumentList.Add(auth);
        }

        if (refuseRecipientsEndingWith is not null)
        {
            start.ArgumentList.Add("--refuse");
            start.ArgumentList.Add(refuseRecipientsEndingWith);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP test server.");
        var server = new AiosmtpdServer(process, folder, chosen);
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line != "READY")
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The SMTP test server did not start: {await errors}");
        }

        return server;
    }

    /// <summary>Waits until the server has received <paramref name="count"/> messages and returns them, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMailAsync(int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var files = Directory.GetFiles(_folder, "*.eml").Order(StringComparer.Ordinal).ToArray();
            if (files.Length >= count)
            {
                return [.. files.Select(Read)];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMTP test server received {files.Length} of {count} messages.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>How many messages arrived so far.</summary>
    public int ReceivedCount => Directory.GetFiles(_folder, "*.eml").Length;

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static ReceivedMail Read(string emlPath)
    {
        using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(emlPath, ".json")));
        var root = envelope.RootElement;
        return new ReceivedMail(
            MimeMessage.Load(emlPath),
            root.GetProperty("mail_from").GetString()!,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
            root.GetProperty("authenticated").GetBoolean(),
            root.GetProperty("tls").GetBoolean(),
            root.GetProperty("helo").GetString() ?? string.Empty);
    }

    private static string? ComputeSkipReason()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { UseShellExecute = false, RedirectStandardError = true });
            check!.WaitForExit(30_000);
            if (check.HasExited && check.ExitCode == 0)
            {
                return null;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return $"The SMTP tests need aiosmtpd for {Python}: apt-get install -y python3-aiosmtpd.";
    }
}
