using System.Collections.Concurrent;

namespace Ory.Identity.Tests.Recovery;

/// <summary>An <see cref="IRecoveryMessageSender"/> that records every message it is handed and, when told, then throws.</summary>
internal sealed class RecordingRecoveryMessageSender : IRecoveryMessageSender
{
    private readonly ConcurrentQueue<RecoveryMessage> _messages = new();

    /// <summary>Every message handed over, including those it then refused.</summary>
    public IReadOnlyList<RecoveryMessage> Messages => [.. _messages];

    /// <summary>Whether <see cref="SendAsync"/> throws after recording (a mail server that refuses).</summary>
    public bool Fail { get; set; }

    public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return Fail ? Task.FromException(new IOException("the mail server refused the message")) : Task.CompletedTask;
    }
}
