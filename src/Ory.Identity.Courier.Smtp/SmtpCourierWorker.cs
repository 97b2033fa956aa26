using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.Courier.Smtp;

/// <summary>
/// The hosted worker that delivers queued messages one at a time (Kratos's <c>serve --watch-courier</c>). A failed
/// attempt goes back to <c>queued</c> and is tried again after <see cref="RetryBackoff"/> until
/// <c>courier.message_retries</c> retries failed or the server refused it for good; then it is <c>abandoned</c>. On
/// stop, no new message is accepted and every waiting one gets one last attempt at once, within the host's shutdown
/// timeout; those that fail or are cut off by it are recorded as abandoned.
/// </summary>
internal sealed partial class SmtpCourierWorker(
    CourierQueue queue,
    CourierDeliveryLog log,
    SmtpMessageDelivery delivery,
    SmtpCourierSettings settings,
    TimeProvider time,
    ILogger<SmtpCourierWorker> logger) : IHostedService, IDisposable
{
    private const string StoppedError = "the host stopped before the message was sent";

    private readonly CancellationTokenSource _abort = new();
    private readonly PriorityQueue<WaitingMessage, DateTimeOffset> _waiting = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Stop();
        if (_loop is null)
        {
            AbandonRemaining();
            return;
        }

        using (cancellationToken.Register(() => _abort.Cancel()))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task RunAsync(CancellationToken abort)
    {
        var reader = queue.Reader;
        try
        {
            while (!abort.IsCancellationRequested)
            {
                // A retry that is due goes before new mail, so a steady stream of new messages cannot hold it back.
                var hasWaiting = _waiting.TryPeek(out var next, out var due);
                if (hasWaiting && (queue.IsStopping || due <= time.GetUtcNow()))
                {
                    _waiting.Dequeue();
                    await AttemptAsync(next!, abort).ConfigureAwait(false);
                    continue;
                }

                if (reader.TryRead(out var message))
                {
                    await AttemptAsync(new WaitingMessage(message, 0), abort).ConfigureAwait(false);
                    continue;
                }

                if (queue.IsStopping && reader.Completion.IsCompleted && !hasWaiting)
                {
                    return;
                }

                await WaitAsync(hasWaiting ? due : null, abort).ConfigureAwait(false);
            }
        }
        finally
        {
            AbandonRemaining();
        }
    }

    /// <summary>Waits for a new message, the next retry's time, or the stop.</summary>
    private async Task WaitAsync(DateTimeOffset? due, CancellationToken abort)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var read = queue.Reader.WaitToReadAsync(wake.Token).AsTask();
        if (due is { } at)
        {
            var wait = at - time.GetUtcNow();
            await Task.WhenAny(read, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, wake.Token)).ConfigureAwait(false);
        }
        else
        {
            await Task.WhenAny(read).ConfigureAwait(false);
        }

        await wake.CancelAsync().ConfigureAwait(false);
    }

    private async Task AttemptAsync(WaitingMessage waiting, CancellationToken abort)
    {
        var message = waiting.Message;
        var attempt = waiting.FailedAttempts + 1;
        log.Processing(message.Id, attempt);
        try
        {
            await delivery.SendAsync(message, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            Abandon(message, StoppedError);
            return;
        }
#pragma warning disable CA1031 // every failure of an attempt is recorded and retried or abandoned; none may stop the worker
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = DeliveryFailure.From(e);
            if (failure.Permanent || attempt >= settings.MaxAttempts || queue.IsStopping)
            {
                Abandon(message, queue.IsStopping && !failure.Permanent && attempt < settings.MaxAttempts ? $"{StoppedError}: {failure.Text}" : failure.Text);
                return;
            }

            var delay = RetryBackoff.Delay(attempt, settings.RetryDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
            log.Requeued(message.Id, failure.Text);
            _waiting.Enqueue(waiting with { FailedAttempts = attempt }, time.GetUtcNow() + delay);
            LogRetry(message.Id, message.TemplateType, attempt, failure.Text, delay);
            return;
        }

        log.Sent(message.Id);
        queue.Release();
        LogSent(message.Id, message.TemplateType, attempt);
    }

    private void Abandon(RecoveryMessage message, string error)
    {
        log.Abandoned(message.Id, error);
        queue.Release();
        LogAbandoned(message.Id, message.TemplateType, error);
    }

    /// <summary>After the loop: whatever is still queued or waiting will not be sent.</summary>
    private void AbandonRemaining()
    {
        while (queue.Reader.TryRead(out var message))
        {
            Abandon(message, StoppedError);
        }

        while (_waiting.TryDequeue(out var waiting, out _))
        {
            Abandon(waiting.Message, StoppedError);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Courier sent message {MessageId} ({TemplateType}) on attempt {Attempt}.")]
    private partial void LogSent(Guid messageId, RecoveryTemplateType templateType, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Courier could not send message {MessageId} ({TemplateType}) on attempt {Attempt}: {Error}; trying again in {Delay}.")]
    private partial void LogRetry(Guid messageId, RecoveryTemplateType templateType, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Courier abandoned message {MessageId} ({TemplateType}): {Error}.")]
    private partial void LogAbandoned(Guid messageId, RecoveryTemplateType templateType, string error);

    /// <summary>A message between two attempts.</summary>
    private sealed record WaitingMessage(RecoveryMessage Message, int FailedAttempts);
}
