using System.Collections.Concurrent;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>32 concurrent consumers of one secret: exactly one gets it, and it is stored used (repeated over rounds).</summary>
    [ConformanceCase]
    public async Task Parallel_consumers_of_one_secret_let_exactly_one_redeem_it()
    {
        const int consumers = 32, rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var flow = await InsertFlowAsync();
            var secret = await InsertSecretAsync(flow);
            var redeemed = new ConcurrentBag<RecoverySecret>();

            await RunInParallelAsync(consumers, async _ =>
            {
                if (await ConsumeAsync(secret) is { } consumed)
                {
                    redeemed.Add(consumed);
                }
            });

            redeemed.Should().ContainSingle().Which.Should().Be(secret with { UsedAt = Now });
            (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
        }
    }

    /// <summary>Consumers of different secrets of one flow do not block each other out: each secret redeems exactly once.</summary>
    [ConformanceCase]
    public async Task Parallel_consumers_of_several_secrets_of_one_flow_redeem_each_exactly_once()
    {
        const int secrets = 8, consumersPerSecret = 4;
        var flow = await InsertFlowAsync();
        var inserted = new List<RecoverySecret>();
        for (var i = 0; i < secrets; i++)
        {
            inserted.Add(await InsertSecretAsync(flow));
        }

        var redeemed = new ConcurrentBag<RecoverySecret>();
        await RunInParallelAsync(secrets * consumersPerSecret, async i =>
        {
            if (await ConsumeAsync(inserted[i % secrets]) is { } consumed)
            {
                redeemed.Add(consumed);
            }
        });

        redeemed.Select(s => s.Id).Should().BeEquivalentTo(inserted.Select(s => s.Id));
    }

    /// <summary>32 concurrent increments of one flow each get a distinct count; the stored count ends at 32.</summary>
    [ConformanceCase]
    public async Task Parallel_increments_get_distinct_counts_ending_at_32()
    {
        const int writers = 32;
        var flow = await InsertFlowAsync();
        var counts = new ConcurrentBag<int?>();

        await RunInParallelAsync(writers, async _ => counts.Add(await Store.IncrementSubmitCountAsync(flow.Id, Ct)));

        counts.Should().BeEquivalentTo(Enumerable.Range(1, writers).Select(i => (int?)i));
        (await Store.GetFlowAsync(flow.Id, Ct))!.SubmitCount.Should().Be(writers);
    }

    /// <summary>32 concurrent updates of one flow, each appending a mark to its <c>return_to</c>, lose no write.</summary>
    [ConformanceCase]
    public async Task Parallel_updates_of_one_flow_lose_no_write()
    {
        const int writers = 32;
        var flow = await InsertFlowAsync();

        await RunInParallelAsync(writers, async writer =>
            await Store.UpdateFlowAsync(flow.Id, current =>
            {
                var appended = $"{current.ReturnTo};w{writer}";
                Thread.Sleep(1); // Widens the read-modify-write window so that a lost update would show.
                return current with { ReturnTo = appended };
            }, Ct));

        var stored = await Store.GetFlowAsync(flow.Id, Ct);
        stored!.ReturnTo!.Split(';').Skip(1).Should().BeEquivalentTo(Enumerable.Range(0, writers).Select(i => $"w{i}"));
    }

    /// <summary>Increments racing updates are all kept: the updates see and keep every count committed before them.</summary>
    [ConformanceCase]
    public async Task Parallel_increments_and_updates_of_one_flow_lose_no_write()
    {
        const int each = 16;
        var flow = await InsertFlowAsync();

        await RunInParallelAsync(each * 2, async i =>
        {
            if (i % 2 == 0)
            {
                await Store.IncrementSubmitCountAsync(flow.Id, Ct);
            }
            else
            {
                await Store.UpdateFlowAsync(flow.Id, current => current with { ReturnTo = $"{current.ReturnTo};w{i}" }, Ct);
            }
        });

        var stored = await Store.GetFlowAsync(flow.Id, Ct);
        stored!.SubmitCount.Should().Be(each);
        stored.ReturnTo!.Split(';').Should().HaveCount(each + 1);
    }

    /// <summary>
    /// An update whose delegate read a state that another update replaced before it committed does not overwrite that
    /// update: its delegate runs again on the newer state (or the store serializes the two).
    /// </summary>
    [ConformanceCase]
    public async Task Update_racing_a_faster_update_does_not_overwrite_it()
    {
        var flow = await InsertFlowAsync();
        using var slowHasRead = new SemaphoreSlim(0);
        using var fastHasCommitted = new SemaphoreSlim(0);
        var slowCalls = 0;

        var slow = Task.Run(async () => await Store.UpdateFlowAsync(flow.Id, current =>
        {
            if (Interlocked.Increment(ref slowCalls) == 1)
            {
                slowHasRead.Release();
                fastHasCommitted.Wait(TimeSpan.FromSeconds(2)); // Times out when the store runs delegates under its lock.
            }

            return current with { ReturnTo = $"{current.ReturnTo};slow" };
        }, Ct));
        (await slowHasRead.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        var fast = Task.Run(async () =>
        {
            await Store.UpdateFlowAsync(flow.Id, current => current with { ReturnTo = $"{current.ReturnTo};fast" }, Ct);
            fastHasCommitted.Release();
        });
        await Task.WhenAll(slow, fast);

        var stored = await Store.GetFlowAsync(flow.Id, Ct);
        stored!.ReturnTo!.Split(';').Skip(1).Should().BeEquivalentTo(["slow", "fast"]);
    }

    /// <summary>
    /// A consume racing a resend's deletion of unused secrets: either the consume redeems the secret (and the deletion
    /// spares it, used) or the deletion takes it (and the consume gets null), never both (repeated over rounds).
    /// </summary>
    [ConformanceCase]
    public async Task Parallel_consume_and_delete_unused_secrets_never_both_take_one_secret()
    {
        const int rounds = 25;
        for (var round = 0; round < rounds; round++)
        {
            var flow = await InsertFlowAsync();
            var secret = await InsertSecretAsync(flow);
            RecoverySecret? consumed = null;
            var deleted = -1;

            await RunInParallelAsync(2, async which =>
            {
                if (which == 0)
                {
                    consumed = await ConsumeAsync(secret);
                }
                else
                {
                    deleted = await Store.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, Ct);
                }
            });

            if (consumed is null)
            {
                deleted.Should().Be(1);
                (await FindAsync(secret)).Should().BeNull();
            }
            else
            {
                consumed.Should().Be(secret with { UsedAt = Now });
                deleted.Should().Be(0);
                (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
            }
        }
    }
}
