
namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>The update sees the latest stored state, including earlier updates; its result is stored and returned.</summary>
    [ConformanceCase]
    public async Task Update_applies_the_delegate_to_the_latest_state_and_stores_the_result()
    {
        var flow = await InsertFlowAsync();
        var recovered = flow.IdentityId;
        RecoveryFlowRecord? seen = null;

        await Store.UpdateFlowAsync(flow.Id, current => current with { State = RecoveryFlowState.PassedChallenge }, Ct);
        var returned = await Store.UpdateFlowAsync(flow.Id, current =>
        {
            seen = current;
            return current with { RecoveredIdentityId = recovered, ReturnTo = null };
        }, Ct);

        seen.Should().Be(flow with { State = RecoveryFlowState.PassedChallenge });
        var expected = flow with { State = RecoveryFlowState.PassedChallenge, RecoveredIdentityId = recovered, ReturnTo = null };
        returned.Should().Be(expected);
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(expected);
    }

    /// <summary>An update keeps the submissions counted before it.</summary>
    [ConformanceCase]
    public async Task Update_sees_and_keeps_the_submit_count()
    {
        var flow = await InsertFlowAsync();
        await Store.IncrementSubmitCountAsync(flow.Id, Ct);
        await Store.IncrementSubmitCountAsync(flow.Id, Ct);

        var returned = await Store.UpdateFlowAsync(flow.Id, current => current with { State = RecoveryFlowState.PassedChallenge }, Ct);

        returned!.SubmitCount.Should().Be(2);
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow with { State = RecoveryFlowState.PassedChallenge, SubmitCount = 2 });
    }

    /// <summary>Updating a flow id nobody has returns null and creates nothing.</summary>
    [ConformanceCase]
    public async Task Update_of_an_unknown_flow_returns_null_and_creates_nothing()
    {
        var flow = await InsertFlowAsync();
        var unknown = Guid.NewGuid();

        var returned = await Store.UpdateFlowAsync(unknown, current => current with { State = RecoveryFlowState.PassedChallenge }, Ct);

        returned.Should().BeNull();
        (await Store.GetFlowAsync(unknown, Ct)).Should().BeNull();
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
    }

    /// <summary>An exception thrown by the update delegate propagates and nothing is written.</summary>
    [ConformanceCase]
    public async Task Update_whose_delegate_throws_propagates_and_writes_nothing()
    {
        var flow = await InsertFlowAsync();

        var act = async () => await Store.UpdateFlowAsync(flow.Id, _ => throw new FormatException("boom"), Ct);

        await act.Should().ThrowAsync<FormatException>();
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
    }

    /// <summary>An updated flow keeps its secrets: they still redeem through it.</summary>
    [ConformanceCase]
    public async Task Update_keeps_the_flows_secrets()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        await Store.UpdateFlowAsync(flow.Id, current => current with { State = RecoveryFlowState.SentEmail, ReturnTo = null }, Ct);

        await ShouldBeRedeemableAsync(secret);
    }
}
