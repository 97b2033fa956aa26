using System.Diagnostics;

namespace Ory.Identity;

/// <summary>
/// One unit of hashing work in a <see cref="HashingScheduler"/>: it runs on the thread pool once admitted, then frees
/// its slot before its task completes. <see cref="State"/> and <see cref="Node"/> are guarded by the scheduler's lock.
/// </summary>
internal abstract class HashingWorkItem(HashingScheduler scheduler, HashingLane lane) : IThreadPoolWorkItem
{
    /// <summary>The caller's lane.</summary>
    public HashingLane Lane { get; } = lane;

    /// <summary>Where the item is.</summary>
    public HashingWorkState State { get; set; }

    /// <summary>The item's node in its lane while it waits.</summary>
    public LinkedListNode<HashingWorkItem>? Node { get; set; }

    /// <summary>The registration on the caller's token, disposed once the item runs.</summary>
    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>Runs the work, frees the slot, then completes the caller's task.</summary>
    public void Execute()
    {
        Registration.Dispose();
        var started = Stopwatch.GetTimestamp();
        var complete = Run();
        scheduler.Completed(Stopwatch.GetElapsedTime(started));
        complete();
    }

    /// <summary>The caller's token fired: cancels the task unless the item already runs.</summary>
    public void Cancel(CancellationToken token)
    {
        if (scheduler.TryCancel(this))
        {
            SetCanceled(token);
        }
    }

    /// <summary>Runs the work; returns what completes the caller's task with its result or exception.</summary>
    protected abstract Action Run();

    /// <summary>Cancels the caller's task.</summary>
    protected abstract void SetCanceled(CancellationToken token);
}

/// <summary>A <see cref="HashingWorkItem"/> with a result of type <typeparamref name="T"/>.</summary>
internal sealed class HashingWorkItem<T>(HashingScheduler scheduler, HashingLane lane, Func<T> work) : HashingWorkItem(scheduler, lane)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The caller's task.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc />
    protected override Action Run()
    {
        try
        {
            var result = work();
            return () => _completion.TrySetResult(result);
        }
#pragma warning disable CA1031 // The work's exception belongs to the caller, who awaits the task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return () => _completion.TrySetException(e);
        }
    }

    /// <inheritdoc />
    protected override void SetCanceled(CancellationToken token) => _completion.TrySetCanceled(token);
}
