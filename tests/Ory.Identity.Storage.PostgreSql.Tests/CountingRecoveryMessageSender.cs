using System.Collections.Concurrent;

namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>A recovery message sender that keeps every message it is given, for tests.</summary>
public sealed class CountingRecoveryMessageSender : IRecoveryMessageSender
{
    /// <summary>The messages sent so far.</summary>
    public ConcurrentBag<RecoveryMessage> Messages { get; } = [];

    /// <inheritdoc />
    public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }
}
