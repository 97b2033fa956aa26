namespace Ory.Identity.Benchmarks;

/// <summary>A recovery message sender that renders the message as a mail sender would and drops it.</summary>
internal sealed class DiscardingRecoveryMessageSender : IRecoveryMessageSender
{
    /// <inheritdoc />
    public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default)
    {
        _ = message.Subject.Length + message.Body.Length;
        return Task.CompletedTask;
    }
}
