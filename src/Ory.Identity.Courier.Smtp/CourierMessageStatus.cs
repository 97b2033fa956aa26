namespace Ory.Identity;

/// <summary>Where a message is in delivery: Kratos's courier message statuses (Kratos: courier/message.go).</summary>
public enum CourierMessageStatus
{
    /// <summary><c>queued</c>: waiting for its first attempt or, after a failed one, for the next.</summary>
    Queued,

    /// <summary><c>processing</c>: an attempt is under way.</summary>
    Processing,

    /// <summary><c>sent</c>: the SMTP server accepted the message.</summary>
    Sent,

    /// <summary>
    /// <c>abandoned</c>: no further attempt will be made: every attempt failed (<c>courier.message_retries</c>), the
    /// server refused it for good (an SMTP 5xx reply, as in Kratos), or the host stopped before it was sent.
    /// </summary>
    Abandoned,
}
