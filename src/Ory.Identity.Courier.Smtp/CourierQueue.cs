using System.Threading.Channels;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// The messages waiting for the worker: a bounded channel, plus a count of every message not yet sent or abandoned
/// (in the channel, under way, or waiting between attempts) that may not exceed <c>courier.queue_capacity</c>.
/// </summary>
internal sealed class CourierQueue
{
    private readonly Channel<RecoveryMessage> _channel;
    private readonly int _capacity;
    private int _outstanding;
    private volatile bool _stopping;

    public CourierQueue(SmtpCourierSettings settings)
    {
        _capacity = settings.QueueCapacity;
        _channel = Channel.CreateBounded<RecoveryMessage>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<RecoveryMessage> Reader => _channel.Reader;

    /// <summary>Takes a place for one more message.</summary>
    /// <exception cref="InvalidOperationException">The queue is full or the courier stopped.</exception>
    public void Reserve()
    {
        if (IsStopping)
        {
            throw new InvalidOperationException("The SMTP courier has stopped and accepts no more messages.");
        }

        if (Interlocked.Increment(ref _outstanding) > _capacity)
        {
            Interlocked.Decrement(ref _outstanding);
            throw new InvalidOperationException("The SMTP courier's queue is full (courier.queue_capacity); the message was not queued.");
        }
    }

    /// <summary>Hands a message with a reserved place to the worker; false when the courier stopped meanwhile.</summary>
    public bool TryWrite(RecoveryMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>A message was sent or abandoned: its place is free.</summary>
    public void Release() => Interlocked.Decrement(ref _outstanding);

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Accepts no more messages; those already queued stay readable.</summary>
    public void Stop()
    {
        _stopping = true;
        _channel.Writer.TryComplete();
    }
}
