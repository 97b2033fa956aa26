using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>
    /// Cleanup removes the flows and secrets that expired at or before now (a flow with its secrets) and returns how many
    /// went; live flows and secrets stay and still redeem.
    /// </summary>
    [ConformanceCase]
    public async Task Delete_expired_removes_expired_flows_and_secrets_only_and_returns_how_many()
    {
        var cutoff = RecoveryStoreTestData.ExpiresAt;
        var expiredFlow = await InsertFlowAsync(expiresAt: cutoff);
        var expiredFlowsSecret = await InsertSecretAsync(expiredFlow);
        var liveFlow = await InsertFlowAsync(expiresAt: cutoff + RecoveryStoreTestData.Microsecond);
        var expiredSecret = await InsertSecretAsync(liveFlow, expiresAt: cutoff - Duration.FromMinutes(30));
        var usedExpiredSecret = await InsertSecretAsync(liveFlow, expiresAt: cutoff);
        await ConsumeAsync(usedExpiredSecret);
        var liveSecret = await InsertSecretAsync(liveFlow);

        (await Store.DeleteExpiredAsync(cutoff, Ct)).Should().Be(4);

        (await Store.GetFlowAsync(expiredFlow.Id, Ct)).Should().BeNull();
        await ShouldBeGoneAsync(expiredFlowsSecret);
        await ShouldBeGoneAsync(expiredSecret);
        await ShouldBeGoneAsync(usedExpiredSecret);
        (await Store.GetFlowAsync(liveFlow.Id, Ct)).Should().Be(liveFlow);
        await ShouldBeStoredUnchangedAsync(liveSecret);
        await ShouldBeRedeemableAsync(liveSecret);
    }

    /// <summary>A secret that would outlive its expired flow goes with the flow.</summary>
    [ConformanceCase]
    public async Task Delete_expired_takes_the_secrets_of_an_expired_flow_with_it()
    {
        var flow = await InsertFlowAsync(expiresAt: RecoveryStoreTestData.During);
        var secret = await InsertSecretAsync(flow, expiresAt: RecoveryStoreTestData.ExpiresAt);

        (await Store.DeleteExpiredAsync(RecoveryStoreTestData.During, Ct)).Should().Be(2);

        (await Store.GetFlowAsync(flow.Id, Ct)).Should().BeNull();
        await ShouldBeGoneAsync(secret);
    }

    /// <summary>With nothing expired, cleanup deletes nothing and returns 0; every flow and secret stays redeemable.</summary>
    [ConformanceCase]
    public async Task Delete_expired_with_nothing_expired_returns_zero_and_leaves_everything()
    {
        var flow = await InsertFlowAsync();
        var code = await InsertSecretAsync(flow);
        var link = await InsertSecretAsync(flow, RecoveryMethod.Link);

        (await Store.DeleteExpiredAsync(RecoveryStoreTestData.ExpiresAt - RecoveryStoreTestData.Microsecond, Ct)).Should().Be(0);

        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
        await ShouldBeRedeemableAsync(code);
        await ShouldBeRedeemableAsync(link);
    }

    /// <summary>Cleanup twice at the same instant deletes the second time nothing.</summary>
    [ConformanceCase]
    public async Task Delete_expired_twice_returns_zero_the_second_time()
    {
        var flow = await InsertFlowAsync();
        await InsertSecretAsync(flow);
        await InsertSecretAsync(flow, RecoveryMethod.Link);

        (await Store.DeleteExpiredAsync(RecoveryStoreTestData.ExpiresAt, Ct)).Should().Be(3);
        (await Store.DeleteExpiredAsync(RecoveryStoreTestData.ExpiresAt, Ct)).Should().Be(0);
    }
}
