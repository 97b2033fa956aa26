namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// The SMTP courier's <see cref="IRecoveryMessageSender"/>: records the message as queued and hands it to
/// <see cref="SmtpCourierWorker"/>, without waiting for the server, so a flow takes as long whether or not mail is delivered.
/// </summary>
internal sealed class SmtpRecoveryMessageSender(CourierQueue queue, CourierDeliveryLog log) : IRecoveryMessageSender
{
    public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != AddressVia.Email)
        {
            throw new NotSupportedException("The SMTP courier delivers email only.");
        }

        queue.Reserve();
        try
        {
            log.Queued(message);
        }
        catch
        {
            queue.Release();
            throw;
        }

        if (!queue.TryWrite(message))
        {
            queue.Release();
            log.Abandoned(message.Id, "the courier stopped before the message was queued");
            throw new InvalidOperationException("The SMTP courier has stopped and accepts no more messages.");
        }

        return Task.CompletedTask;
    }
}
