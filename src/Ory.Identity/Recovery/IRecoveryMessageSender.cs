namespace Ory.Identity;

/// <summary>
/// Delivers recovery messages through the host's mail or SMS service. Implementations should hand the message to a
/// queue or outbox and return quickly: the time a flow takes must not depend on whether the address is known.
/// Required when <c>selfservice.flows.recovery.enabled</c> is on.
/// </summary>
public interface IRecoveryMessageSender
{
    /// <summary>
    /// Queues a message for delivery; queue rather than send inline. A failure fails an invitation (its link is revoked);
    /// self-service recovery logs it and answers as if the message was sent, so the answer never tells whether an address
    /// is known.
    /// </summary>
    /// <param name="message">The message; it carries a secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default);
}
