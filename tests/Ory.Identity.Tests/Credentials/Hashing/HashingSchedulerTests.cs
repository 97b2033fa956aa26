using System.Collections.Concurrent;

namespace Ory.Identity.Tests.Credentials.Hashing;

// The scheduler's contract with fake work (sleeps and gates instead of hashes): the bound, the queue limit, cancellation
// and fairness between a batch and single callers.
public sealed class HashingSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Occupies every slot of the scheduler until the returned gate is set.
    private static (ManualResetEventSlim Gate, Task[] Blockers) Occupy(HashingScheduler scheduler)
    {
        var gate = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, scheduler.MaxConcurrency)
            .Select(_ => (Task)scheduler.RunAsync(null, () => gate.Wait(Patience), CancellationToken.None))
            .ToArray();
        return (gate, blockers);
    }

    [Fact]
    public async Task No_more_items_run_at_once_than_max_concurrency_and_every_caller_gets_its_own_result()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 2, maxQueue: 100);
        var running = 0;
        var peak = 0;
        var lane = new HashingLane();
        var work = Enumerable.Range(0, 24).Select(i => scheduler.RunAsync(i % 3 == 0 ? null : lane, () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(15);
            Interlocked.Decrement(ref running);
            return i * i;
        }, CancellationToken.None)).ToArray();

        var results = await Task.WhenAll(work).WaitAsync(Patience);

        results.Should().Equal(Enumerable.Range(0, 24).Select(i => i * i));
        peak.Should().Be(2);
        scheduler.Running.Should().Be(0);
        scheduler.WaitingCallers.Should().Be(0);
    }

    [Fact]
    public async Task Past_the_queue_limit_a_new_caller_is_refused_at_once_with_a_503_and_a_retry_delay()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 2);
        var (gate, blockers) = Occupy(scheduler);
        var ran = 0;
        var queued = new[]
        {
            scheduler.RunAsync(null, () => Interlocked.Increment(ref ran), CancellationToken.None),
            scheduler.RunAsync(null, () => Interlocked.Increment(ref ran), CancellationToken.None),
        };
        scheduler.WaitingCallers.Should().Be(2);

        Action act = () => _ = scheduler.RunAsync(null, () => Interlocked.Increment(ref ran), CancellationToken.None);

        var refusal = act.Should().Throw<HashingCapacityExceededException>().Which;
        refusal.StatusCode.Should().Be(503);
        refusal.Error.Status.Should().Be("Service Unavailable");
        refusal.Error.Message.Should().Be(HashingCapacityExceededException.ErrorMessage);
        refusal.Error.Reason.Should().Contain("hashers.max_concurrency").And.Contain("hashers.max_queue");
        refusal.RetryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        refusal.RetryAfter.TotalSeconds.Should().Be(Math.Floor(refusal.RetryAfter.TotalSeconds));

        gate.Set();
        await Task.WhenAll(blockers.Concat(queued)).WaitAsync(Patience);
        ran.Should().Be(2, "the refused caller's work never runs");
        (await scheduler.RunAsync(null, () => 7, CancellationToken.None)).Should().Be(7, "once the queue drains callers are admitted again");
    }

    [Fact]
    public async Task With_no_queue_a_caller_is_admitted_only_when_a_slot_is_free()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 0);
        (await scheduler.RunAsync(null, () => 1, CancellationToken.None)).Should().Be(1);
        var (gate, blockers) = Occupy(scheduler);

        Action act = () => _ = scheduler.RunAsync(null, () => 2, CancellationToken.None);

        act.Should().Throw<HashingCapacityExceededException>();
        gate.Set();
        await Task.WhenAll(blockers).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_batch_counts_as_one_waiting_caller_however_many_items_it_queues()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 1);
        var (gate, blockers) = Occupy(scheduler);
        var lane = new HashingLane();

        var batch = Enumerable.Range(0, 50).Select(i => scheduler.RunAsync(lane, () => i, CancellationToken.None)).ToArray();

        scheduler.WaitingCallers.Should().Be(1);
        Action single = () => _ = scheduler.RunAsync(null, () => -1, CancellationToken.None);
        single.Should().Throw<HashingCapacityExceededException>();
        gate.Set();
        (await Task.WhenAll(batch).WaitAsync(Patience)).Should().Equal(Enumerable.Range(0, 50));
        await Task.WhenAll(blockers);
    }

    [Fact]
    public async Task A_canceled_caller_leaves_the_queue_and_its_work_never_runs()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 1);
        var (gate, blockers) = Occupy(scheduler);
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var waiting = scheduler.RunAsync(null, () => ran = true, cancel.Token);
        scheduler.WaitingCallers.Should().Be(1);
        await cancel.CancelAsync();

        var outcome = async () => await waiting;
        await outcome.Should().ThrowAsync<OperationCanceledException>();
        scheduler.WaitingCallers.Should().Be(0);
        var next = scheduler.RunAsync(null, () => 3, CancellationToken.None);
        gate.Set();
        (await next.WaitAsync(Patience)).Should().Be(3, "the canceled caller's place was freed for another");
        await Task.WhenAll(blockers);
        ran.Should().BeFalse();
    }

    [Fact]
    public async Task Canceling_one_item_of_a_batch_keeps_the_rest_of_the_batch_queued()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 1);
        var (gate, blockers) = Occupy(scheduler);
        var lane = new HashingLane();
        using var cancel = new CancellationTokenSource();

        var first = scheduler.RunAsync(lane, () => 1, cancel.Token);
        var second = scheduler.RunAsync(lane, () => 2, CancellationToken.None);
        await cancel.CancelAsync();

        scheduler.WaitingCallers.Should().Be(1);
        gate.Set();
        (await second.WaitAsync(Patience)).Should().Be(2);
        first.IsCanceled.Should().BeTrue();
        await Task.WhenAll(blockers);
        scheduler.WaitingCallers.Should().Be(0);
    }

    [Fact]
    public void An_already_canceled_token_is_refused_before_queueing()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 1);
        Action act = () => _ = scheduler.RunAsync(null, () => 1, new CancellationToken(canceled: true));
        act.Should().Throw<OperationCanceledException>();
        scheduler.WaitingCallers.Should().Be(0);
        scheduler.Running.Should().Be(0);
    }

    [Fact]
    public async Task A_single_caller_arriving_during_a_big_batch_runs_after_at_most_one_batch_item()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 8);
        var (gate, blockers) = Occupy(scheduler);
        var order = new ConcurrentQueue<string>();
        var lane = new HashingLane();
        var batch = Enumerable.Range(0, 200)
            .Select(i => scheduler.RunAsync(lane, () => { order.Enqueue("batch"); return i; }, CancellationToken.None))
            .ToArray();

        var login = scheduler.RunAsync(null, () => { order.Enqueue("login"); return true; }, CancellationToken.None);
        gate.Set();

        (await login.WaitAsync(Patience)).Should().BeTrue();
        await Task.WhenAll(batch).WaitAsync(Patience);
        await Task.WhenAll(blockers);
        order.ToList().IndexOf("login").Should().Be(1, "free slots go to waiting callers in turn: one batch item, then the login");
    }

    [Fact]
    public async Task Two_batches_share_the_slots_in_turn()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 8);
        var (gate, blockers) = Occupy(scheduler);
        var order = new ConcurrentQueue<char>();
        var a = new HashingLane();
        var b = new HashingLane();
        var work = Enumerable.Range(0, 4).Select(_ => scheduler.RunAsync(a, () => { order.Enqueue('a'); return 0; }, CancellationToken.None))
            .Concat(Enumerable.Range(0, 4).Select(_ => scheduler.RunAsync(b, () => { order.Enqueue('b'); return 0; }, CancellationToken.None)))
            .ToArray();
        gate.Set();

        await Task.WhenAll(work).WaitAsync(Patience);
        await Task.WhenAll(blockers);
        new string([.. order]).Should().Be("abababab");
    }

    [Fact]
    public async Task The_work_s_exception_reaches_its_caller_and_frees_the_slot()
    {
        var scheduler = new HashingScheduler(maxConcurrency: 1, maxQueue: 0);
        var failing = scheduler.RunAsync<string>(null, () => throw new InvalidRequestException(PasswordHashing.PasswordTooLong), CancellationToken.None);

        var outcome = async () => await failing;

        (await outcome.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Reason.Should().Be(PasswordHashing.PasswordTooLong);
        (await scheduler.RunAsync(null, () => 5, CancellationToken.None).WaitAsync(Patience)).Should().Be(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_scheduler_needs_at_least_one_slot(int maxConcurrency)
    {
        var act = () => new HashingScheduler(maxConcurrency, 1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
