using System.Collections.Concurrent;

namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// An <see cref="IRecoveryMessageSender"/> that keeps messages in memory instead of sending them: for tests, samples
/// and local development. Messages carry secrets; never expose an outbox in production.
/// </summary>
public sealed class InMemoryRecoveryOutbox : IRecoveryMessageSender
{
    private readonly ConcurrentQueue<RecoveryMessage> _messages = new();

    /// <summary>Every message "sent" so far, oldest first.</summary>
    public IReadOnlyList<RecoveryMessage> Messages => [.. _messages];

    /// <inheritdoc />
    public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>Removes every message.</summary>
    public void Clear() => _messages.Clear();
}
