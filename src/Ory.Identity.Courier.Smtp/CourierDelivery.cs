using NodaTime;

namespace Ory.Identity;

/// <summary>
/// The delivery record of one message (Kratos's courier message without its recipient and content). Holds no secret
/// and no address.
/// </summary>
public sealed record CourierDelivery
{
    /// <summary>The message's <see cref="RecoveryMessage.Id"/>.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>The message's template.</summary>
    public required RecoveryTemplateType TemplateType { get; init; }

    /// <summary>Where delivery stands.</summary>
    public required CourierMessageStatus Status { get; init; }

    /// <summary>How many attempts were started (Kratos's <c>send_count</c>).</summary>
    public required int SendCount { get; init; }

    /// <summary>
    /// Why the last attempt failed, e.g. <c>"connection refused"</c> or <c>"the server refused the recipient (550)"</c>;
    /// null when no attempt failed. Never quotes the server's reply, an address or the message.
    /// </summary>
    public string? LastError { get; init; }

    /// <summary>When the message was queued.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public required Instant UpdatedAt { get; init; }
}
