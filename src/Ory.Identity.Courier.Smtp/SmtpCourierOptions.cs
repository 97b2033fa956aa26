using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary>
/// The SMTP courier's configuration: Kratos's <c>courier</c> keys (<c>courier.smtp.*</c>, <c>courier.message_retries</c>),
/// bound from the <c>courier</c> section of the same <c>"Ory"</c> section as <see cref="OryIdentityOptions"/>, plus a
/// few keys of our own for the in-process queue. Defaults are Kratos's (docs: kratos/concepts/email-sms, "Sending
/// emails via SMTP" and "Handling errors").
/// </summary>
public sealed class SmtpCourierOptions
{
    /// <summary>The section, under the <c>"Ory"</c> section, that these options bind from (<c>"courier"</c>).</summary>
    public const string SectionName = "courier";

    /// <summary><c>courier.smtp</c>: the server, the sender and extra headers.</summary>
    [ConfigurationKeyName("smtp")]
    public SmtpServerOptions Smtp { get; set; } = new();

    /// <summary>
    /// <c>courier.message_retries</c>: how often a failed delivery is tried again before the message is
    /// <see cref="CourierMessageStatus.Abandoned"/>; Kratos's default 5, so at most 6 attempts
    /// (Kratos: courier/courier_dispatcher.go abandons a message whose send_count exceeds it).
    /// </summary>
    [ConfigurationKeyName("message_retries")]
    public int MessageRetries { get; set; } = 5;

    /// <summary>
    /// <c>courier.retry_delay</c> (our extension; Kratos polls every <c>courier.worker.pull_wait</c>): the wait before the
    /// first retry as a Go duration; each further retry waits twice as long, up to <see cref="RetryMaxDelay"/>, with
    /// random jitter of up to half the wait. Default <c>1s</c>.
    /// </summary>
    [ConfigurationKeyName("retry_delay")]
    public string RetryDelay { get; set; } = "1s";

    /// <summary><c>courier.retry_max_delay</c> (our extension): the longest wait between two attempts, a Go duration. Default <c>1m</c>.</summary>
    [ConfigurationKeyName("retry_max_delay")]
    public string RetryMaxDelay { get; set; } = "1m";

    /// <summary>
    /// <c>courier.queue_capacity</c> (our extension): how many messages may wait for delivery (queued or between two
    /// attempts) at once. A message beyond it fails the request that sends it. Default 10000.
    /// </summary>
    [ConfigurationKeyName("queue_capacity")]
    public int QueueCapacity { get; set; } = 10_000;
}
