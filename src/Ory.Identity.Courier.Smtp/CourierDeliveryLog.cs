using System.Collections.Concurrent;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// The delivery records, in memory: one per queued message, written by the sender (queued) and the worker (every
/// later status). Records of messages still waiting are bounded by <c>courier.queue_capacity</c>; of finished ones
/// (sent or abandoned) the latest <see cref="RetainedFinishedRecords"/> are kept.
/// </summary>
internal sealed class CourierDeliveryLog(OryIdentityClock clock) : ICourierDeliveries
{
    /// <summary>How many records of sent or abandoned messages are kept; older ones are forgotten.</summary>
    public const int RetainedFinishedRecords = 10_000;

    private readonly ConcurrentDictionary<Guid, CourierDelivery> _records = new();
    private readonly ConcurrentQueue<Guid> _finished = new();

    public ValueTask<CourierDelivery?> GetAsync(Guid messageId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_records.TryGetValue(messageId, out var record) ? record : null);

    /// <summary>Records a message as queued.</summary>
    /// <exception cref="InvalidOperationException">A message with this id is already queued or was sent.</exception>
    public void Queued(RecoveryMessage message)
    {
        var now = clock.Now();
        var record = new CourierDelivery
        {
            MessageId = message.Id,
            TemplateType = message.TemplateType,
            Status = CourierMessageStatus.Queued,
            SendCount = 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!_records.TryAdd(message.Id, record))
        {
            throw new InvalidOperationException("A message with this id was already given to the courier; each message is sent once.");
        }
    }

    /// <summary>An attempt starts: <c>processing</c>, and the send count goes up.</summary>
    public void Processing(Guid messageId, int sendCount) =>
        Change(messageId, r => r with { Status = CourierMessageStatus.Processing, SendCount = sendCount });

    /// <summary>An attempt failed and another follows: back to <c>queued</c> with the reason.</summary>
    public void Requeued(Guid messageId, string error) =>
        Change(messageId, r => r with { Status = CourierMessageStatus.Queued, LastError = error });

    /// <summary>The server accepted the message.</summary>
    public void Sent(Guid messageId) => Finish(messageId, r => r with { Status = CourierMessageStatus.Sent });

    /// <summary>No further attempt: <c>abandoned</c> with the reason.</summary>
    public void Abandoned(Guid messageId, string error) =>
        Finish(messageId, r => r with { Status = CourierMessageStatus.Abandoned, LastError = error });

    private void Finish(Guid messageId, Func<CourierDelivery, CourierDelivery> change)
    {
        Change(messageId, change);
        _finished.Enqueue(messageId);
        while (_finished.Count > RetainedFinishedRecords && _finished.TryDequeue(out var oldest))
        {
            _records.TryRemove(oldest, out _);
        }
    }

    private void Change(Guid messageId, Func<CourierDelivery, CourierDelivery> change)
    {
        if (_records.TryGetValue(messageId, out var record))
        {
            _records[messageId] = change(record) with { UpdatedAt = clock.Now() };
        }
    }
}
