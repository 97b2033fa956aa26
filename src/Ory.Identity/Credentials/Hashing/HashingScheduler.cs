namespace Ory.Identity;

/// <summary>
/// Runs the expensive part of password handling (hashing cleartext, verifying against a stored hash) with bounded
/// concurrency, shared by every caller in the process (<c>hashers.max_concurrency</c>, <c>hashers.max_queue</c>).
/// <para>
/// Work waits in <see cref="HashingLane"/>s, one per caller (a batch shares one lane for all its items), and free slots
/// go to the lanes in turn (round robin): a single login waits for at most one item of each other waiting caller, never
/// behind a whole batch. A waiting caller holds no thread; admitted work runs on the thread pool, at most
/// <see cref="MaxConcurrency"/> items at a time, so request threads never compute hashes while others queue.
/// </para>
/// <para>
/// When <see cref="MaxQueue"/> callers already wait, a new caller is refused at once with
/// <see cref="HashingCapacityExceededException"/> (503 with <c>Retry-After</c>). A canceled token takes a waiting item
/// out of the queue (its task is canceled); an item that already runs finishes (a hash cannot be interrupted).
/// </para>
/// </summary>
internal sealed class HashingScheduler
{
    /// <summary>The highest accepted <c>hashers.max_concurrency</c>.</summary>
    public const int MaxConcurrencyLimit = 1024;

    /// <summary>The highest accepted <c>hashers.max_queue</c>.</summary>
    public const int MaxQueueLimit = 100_000;

    // The Retry-After advice is kept between these bounds (seconds).
    private const int MinRetryAfterSeconds = 1;
    private const int MaxRetryAfterSeconds = 60;

    private readonly Lock _gate = new();

    // Lanes with waiting work, in the order they get the next free slot.
    private readonly LinkedList<HashingLane> _waiting = new();
    private int _running;

    // Moving average of how long one item runs, for the Retry-After advice.
    private double _averageSeconds;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="maxConcurrency">How many items run at once (at least 1).</param>
    /// <param name="maxQueue">How many callers may wait for a slot (0: none may wait).</param>
    public HashingScheduler(int maxConcurrency, int maxQueue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        MaxConcurrency = maxConcurrency;
        MaxQueue = maxQueue;
    }

    /// <summary>How many items may run at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>How many callers (lanes) may wait for a slot.</summary>
    public int MaxQueue { get; }

    /// <summary>How many items run now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>How many callers (lanes) wait for a slot now.</summary>
    public int WaitingCallers
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> when a slot is free, in <paramref name="lane"/> (null: a lane of its own, for a
    /// caller with a single item). Throws <see cref="HashingCapacityExceededException"/> at once when the caller would
    /// have to wait and <see cref="MaxQueue"/> callers already wait. The task carries the work's result or exception, or
    /// is canceled when <paramref name="cancellationToken"/> fires while the item waits.
    /// </summary>
    public Task<T> RunAsync<T>(HashingLane? lane, Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var item = new HashingWorkItem<T>(this, lane ?? new HashingLane(), work);
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the item is queued, so a token that fires meanwhile is seen under the lock below.
            item.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((HashingWorkItem)state!).Cancel(token), item);
        }

        HashingCapacityExceededException? refusal = null;
        lock (_gate)
        {
            if (item.State == HashingWorkState.Canceled)
            {
                return item.Task;
            }

            var caller = item.Lane;
            if (_running < MaxConcurrency && _waiting.Count == 0)
            {
                StartLocked(item);
            }
            else if (caller.Node.List is null && _waiting.Count >= MaxQueue)
            {
                item.State = HashingWorkState.Refused;
                refusal = new HashingCapacityExceededException(RetryAfterLocked(), MaxConcurrency, MaxQueue);
            }
            else
            {
                item.State = HashingWorkState.Waiting;
                item.Node = caller.Items.AddLast(item);
                if (caller.Node.List is null)
                {
                    _waiting.AddLast(caller.Node);
                }
            }
        }

        if (refusal is not null)
        {
            // Outside the lock: disposing waits for a cancellation callback that may be running, and it takes the lock.
            item.Registration.Dispose();
            throw refusal;
        }

        return item.Task;
    }

    // The token of a waiting (or not yet queued) item fired: takes it out of its lane. False when it already runs.
    internal bool TryCancel(HashingWorkItem item)
    {
        lock (_gate)
        {
            switch (item.State)
            {
                case HashingWorkState.Created:
                    item.State = HashingWorkState.Canceled;
                    return true;
                case HashingWorkState.Waiting:
                    var owner = item.Lane;
                    owner.Items.Remove(item.Node!);
                    item.Node = null;
                    item.State = HashingWorkState.Canceled;
                    if (owner.Items.Count == 0)
                    {
                        _waiting.Remove(owner.Node);
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    // An item finished running: frees its slot and hands free slots to the waiting lanes in turn.
    internal void Completed(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _averageSeconds = _averageSeconds == 0 ? elapsed.TotalSeconds : (0.8 * _averageSeconds) + (0.2 * elapsed.TotalSeconds);
            _running--;
            while (_running < MaxConcurrency && _waiting.First is { } first)
            {
                var lane = first.Value;
                var next = lane.Items.First!.Value;
                lane.Items.RemoveFirst();
                next.Node = null;
                _waiting.RemoveFirst();
                if (lane.Items.Count > 0)
                {
                    _waiting.AddLast(first);
                }

                StartLocked(next);
            }
        }
    }

    private void StartLocked(HashingWorkItem item)
    {
        _running++;
        item.State = HashingWorkState.Running;
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    // Roughly how long until a caller arriving now would get a slot: one item per waiting lane ahead of it, plus the
    // running ones, spread over the slots.
    private TimeSpan RetryAfterLocked()
    {
        var average = _averageSeconds > 0 ? _averageSeconds : 1;
        var seconds = Math.Ceiling(average * (_waiting.Count + _running) / MaxConcurrency);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, MinRetryAfterSeconds, MaxRetryAfterSeconds));
    }
}
