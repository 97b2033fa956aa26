namespace Ory.Identity;

/// <summary>
/// Reads the SMTP courier's delivery records in process. Records live in memory: they cover messages sent since the
/// host started, the most recent ones first kept when there are many.
/// </summary>
public interface ICourierDeliveries
{
    /// <summary>The delivery record of a message, or null when the courier never queued it (or has forgotten it).</summary>
    /// <param name="messageId">The message's <see cref="RecoveryMessage.Id"/> (also <see cref="Invitation.MessageId"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<CourierDelivery?> GetAsync(Guid messageId, CancellationToken cancellationToken = default);
}
