using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Ory.Identity.Courier.Smtp;

/// <summary><see cref="SmtpCourierOptions"/> checked and parsed once; errors name the key and quote no secret.</summary>
internal sealed class SmtpCourierSettings
{
    private SmtpCourierSettings(SmtpConnection connection, MailboxAddress from)
    {
        Connection = connection;
        From = from;
    }

    public SmtpConnection Connection { get; }

    public MailboxAddress From { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];

    public string LocalName { get; private init; } = "localhost";

    /// <summary>Attempts per message: the first plus <c>courier.message_retries</c>.</summary>
    public int MaxAttempts { get; private init; }

    public TimeSpan RetryDelay { get; private init; }

    public TimeSpan RetryMaxDelay { get; private init; }

    public int QueueCapacity { get; private init; }

    public static SmtpCourierSettings Create(SmtpCourierOptions options) =>
        TryCreate(options, out var settings, out var errors)
            ? settings
            : throw new InvalidOperationException("Invalid SMTP courier configuration: " + string.Join(" ", errors));

    public static bool TryCreate(SmtpCourierOptions options, [NotNullWhen(true)] out SmtpCourierSettings? settings, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        settings = null;
        SmtpConnection? connection = null;
        try
        {
            connection = SmtpConnection.Parse(options.Smtp.ConnectionUri);
        }
        catch (FormatException e)
        {
            failures.Add(e.Message);
        }

        var from = ParseFrom(options.Smtp, failures);
        CheckHeaders(options.Smtp.Headers, failures);
        if (string.IsNullOrWhiteSpace(options.Smtp.LocalName) || options.Smtp.LocalName.Any(char.IsWhiteSpace))
        {
            failures.Add("courier.smtp.local_name must be a host name without spaces.");
        }

        if (options.MessageRetries < 0)
        {
            failures.Add("courier.message_retries must be 0 or more.");
        }

        if (options.QueueCapacity < 1)
        {
            failures.Add("courier.queue_capacity must be 1 or more.");
        }

        var delay = ParseDelay(options.RetryDelay, "courier.retry_delay", failures);
        var maxDelay = ParseDelay(options.RetryMaxDelay, "courier.retry_max_delay", failures);
        if (delay > maxDelay)
        {
            failures.Add("courier.retry_max_delay must not be shorter than courier.retry_delay.");
        }

        errors = failures;
        if (failures.Count > 0)
        {
            return false;
        }

        settings = new SmtpCourierSettings(connection!, from!)
        {
            Headers = [.. options.Smtp.Headers],
            LocalName = options.Smtp.LocalName,
            MaxAttempts = options.MessageRetries + 1,
            RetryDelay = delay,
            RetryMaxDelay = maxDelay,
            QueueCapacity = options.QueueCapacity,
        };
        return true;
    }

    private static MailboxAddress? ParseFrom(SmtpServerOptions smtp, List<string> failures)
    {
        if (!MailboxAddress.TryParse(smtp.FromAddress ?? string.Empty, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add("courier.smtp.from_address must be an email address.");
            return null;
        }

        return string.IsNullOrEmpty(smtp.FromName) ? new MailboxAddress(null, address.Address) : new MailboxAddress(smtp.FromName, address.Address);
    }

    private static void CheckHeaders(Dictionary<string, string> headers, List<string> failures)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || name.Any(c => c is <= ' ' or > '~' or ':'))
            {
                failures.Add("courier.smtp.headers: a header name must be printable ASCII without spaces or colons.");
            }
            else if (value is null || value.Any(c => c is '\r' or '\n'))
            {
                failures.Add($"courier.smtp.headers.{name} must be one line.");
            }
        }
    }

    private static TimeSpan ParseDelay(string? text, string key, List<string> failures)
    {
        if (!GoDuration.TryParse(text, out var duration) || duration <= NodaTime.Duration.Zero)
        {
            failures.Add($"{key} must be a positive Go duration such as 500ms or 1s.");
            return TimeSpan.Zero;
        }

        return duration.ToTimeSpan();
    }
}
