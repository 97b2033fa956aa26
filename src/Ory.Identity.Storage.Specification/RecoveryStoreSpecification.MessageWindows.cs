using System.Collections.Concurrent;
using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    private static readonly Duration Hour = Duration.FromHours(1);

    /// <summary>An address key as the limiter makes them: a hex keyed hash, never the address (a fresh one per call).</summary>
    protected static string NewAddressKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00112233445566778899aabbccddeeff";

    /// <summary>Counts <paramref name="calls"/> messages to <paramref name="key"/> at <paramref name="at"/>; returns each answer in order.</summary>
    protected async Task<List<bool>> CountMessagesAsync(string key, int calls, int budget, Instant at)
    {
        var answers = new List<bool>();
        for (var i = 0; i < calls; i++)
        {
            answers.Add(await Store.TryCountMessageAsync(key, budget, at, Hour, Ct));
        }

        return answers;
    }

    /// <summary>Each address has its own budget per window: the first <c>budget</c> messages count, the rest are refused.</summary>
    [ConformanceCase]
    public async Task Message_windows_allow_the_budget_per_address_and_refuse_the_rest()
    {
        var first = NewAddressKey();
        var second = NewAddressKey();

        (await CountMessagesAsync(first, 5, budget: 3, Now)).Should().Equal(true, true, true, false, false);
        (await CountMessagesAsync(second, 2, budget: 3, Now + Duration.FromMinutes(59))).Should().Equal(true, true);
        (await Store.TryCountMessageAsync(second, 3, Now + Duration.FromMinutes(59), Hour, Ct)).Should().BeTrue();
        (await Store.TryCountMessageAsync(second, 3, Now + Duration.FromMinutes(59), Hour, Ct)).Should().BeFalse();
    }

    /// <summary>
    /// A window is fixed from its first message: it still refuses a microsecond before it ends, and at its end (on the
    /// caller's clock) the next message starts a new window with a whole budget. Refusals do not extend it.
    /// </summary>
    [ConformanceCase]
    public async Task Message_windows_end_on_the_callers_clock_and_then_start_afresh()
    {
        var key = NewAddressKey();
        (await CountMessagesAsync(key, 1, budget: 2, Now)).Should().Equal(true);
        (await CountMessagesAsync(key, 2, budget: 2, Now + Duration.FromMinutes(30))).Should().Equal(true, false);
        (await CountMessagesAsync(key, 1, budget: 2, Now + Hour - RecoveryStoreTestData.Microsecond)).Should().Equal(false);

        (await CountMessagesAsync(key, 3, budget: 2, Now + Hour)).Should().Equal(true, true, false);
        (await CountMessagesAsync(key, 1, budget: 2, Now + Hour + Hour - RecoveryStoreTestData.Microsecond)).Should().Equal(false);
        (await CountMessagesAsync(key, 1, budget: 2, Now + Hour + Hour)).Should().Equal(true);
    }

    /// <summary>Cleanup deletes the windows that ended at or before now (counting them) and keeps the live ones, spent budget and all.</summary>
    [ConformanceCase]
    public async Task Delete_expired_removes_ended_message_windows_only()
    {
        var ended = NewAddressKey();
        var live = NewAddressKey();
        await CountMessagesAsync(ended, 2, budget: 2, Now);
        await CountMessagesAsync(live, 2, budget: 2, Now + RecoveryStoreTestData.Microsecond);

        (await Store.DeleteExpiredAsync(Now + Hour, Ct)).Should().Be(1);

        (await Store.TryCountMessageAsync(live, 2, Now + Hour, Hour, Ct)).Should().BeFalse("the live window keeps its spent budget");
        (await Store.TryCountMessageAsync(ended, 2, Now + Hour, Hour, Ct)).Should().BeTrue();
        (await Store.DeleteExpiredAsync(Now + Hour, Ct)).Should().Be(0);
    }

    /// <summary>32 concurrent messages to one address with a budget of 5: exactly 5 are counted (repeated over rounds and addresses).</summary>
    [ConformanceCase]
    public async Task Parallel_messages_to_one_address_never_exceed_the_budget()
    {
        const int senders = 32, budget = 5, rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var key = NewAddressKey();
            var counted = new ConcurrentBag<bool>();

            await RunInParallelAsync(senders, async _ => counted.Add(await Store.TryCountMessageAsync(key, budget, Now, Hour, Ct)));

            counted.Count(c => c).Should().Be(budget);
            (await Store.TryCountMessageAsync(key, budget, Now, Hour, Ct)).Should().BeFalse();
        }
    }

    /// <summary>An empty key, a budget below 1 or a window that is not positive throws an argument error and counts nothing.</summary>
    [ConformanceCase]
    public async Task Counting_a_message_with_bad_arguments_throws()
    {
        var key = NewAddressKey();

        await Actions.Awaiting(async () => await Store.TryCountMessageAsync(string.Empty, 1, Now, Hour, Ct)).Should().ThrowAsync<ArgumentException>();
        await Actions.Awaiting(async () => await Store.TryCountMessageAsync(key, 0, Now, Hour, Ct)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Actions.Awaiting(async () => await Store.TryCountMessageAsync(key, 1, Now, Duration.Zero, Ct)).Should().ThrowAsync<ArgumentOutOfRangeException>();

        (await CountMessagesAsync(key, 2, budget: 1, Now)).Should().Equal(true, false);
    }
}
