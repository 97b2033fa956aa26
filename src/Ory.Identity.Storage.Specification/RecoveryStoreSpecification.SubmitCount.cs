
namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>Each increment returns the next count, 1, 2, 3, and stores it without touching the other fields.</summary>
    [ConformanceCase]
    public async Task Increment_counts_one_two_three_and_stores_the_count()
    {
        var flow = await InsertFlowAsync();

        (await Store.IncrementSubmitCountAsync(flow.Id, Ct)).Should().Be(1);
        (await Store.IncrementSubmitCountAsync(flow.Id, Ct)).Should().Be(2);
        (await Store.IncrementSubmitCountAsync(flow.Id, Ct)).Should().Be(3);

        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow with { SubmitCount = 3 });
    }

    /// <summary>Counting continues from the count the flow was inserted with, and counts per flow.</summary>
    [ConformanceCase]
    public async Task Increment_continues_from_the_inserted_count_and_counts_per_flow()
    {
        var flow = RecoveryStoreTestData.NewFlow() with { SubmitCount = 4 };
        await Store.InsertFlowAsync(flow, Ct);
        var other = await InsertFlowAsync();

        (await Store.IncrementSubmitCountAsync(flow.Id, Ct)).Should().Be(5);
        (await Store.IncrementSubmitCountAsync(other.Id, Ct)).Should().Be(1);

        (await Store.GetFlowAsync(flow.Id, Ct))!.SubmitCount.Should().Be(5);
        (await Store.GetFlowAsync(other.Id, Ct))!.SubmitCount.Should().Be(1);
    }

    /// <summary>Incrementing a flow id nobody has returns null and creates nothing.</summary>
    [ConformanceCase]
    public async Task Increment_of_an_unknown_flow_returns_null_and_creates_nothing()
    {
        var flow = await InsertFlowAsync();
        var unknown = Guid.NewGuid();

        (await Store.IncrementSubmitCountAsync(unknown, Ct)).Should().BeNull();

        (await Store.GetFlowAsync(unknown, Ct)).Should().BeNull();
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
    }
}
