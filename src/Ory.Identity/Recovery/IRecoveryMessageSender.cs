namespace Ory.Identity;

/// <summary>
/// Delivers recovery messages through the host's mail or SMS service. Implementations should hand the message to a
/// queue or outbox and return quickly: the time a flow takes must not depend on whether the address is known.
/// Required when <c>selfservice.flows.recovery.enabled</c> is on.
/// </summary>
public interface IRecoveryMessageSender
{
    /// <summary>Queues a message for delivery. A failure fails the user's request, so queue rather than send inline.</summary>
    /// <param name="message">The message; it carries a secret.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default);
}
