
namespace Ory.Identity.Storage.Specification;

public abstract partial class SelfServiceFlowStoreSpecification
{
    /// <summary>Deleting an identity's flows removes and counts them; flows of others and flows without an identity stay.</summary>
    [ConformanceCase]
    public async Task DeleteByIdentity_removes_the_identitys_flows_only()
    {
        var identity = Guid.CreateVersion7();
        var mine = new[]
        {
            await InsertFlowAsync(SelfServiceFlowKind.Settings, identity),
            await InsertFlowAsync(SelfServiceFlowKind.Settings, identity),
            await InsertFlowAsync(SelfServiceFlowKind.Login, identity),
        };
        var other = await InsertFlowAsync(SelfServiceFlowKind.Settings, Guid.CreateVersion7());
        var anonymous = await InsertFlowAsync(SelfServiceFlowKind.Login);

        (await Store.DeleteByIdentityAsync(identity, Ct)).Should().Be(3);

        foreach (var flow in mine)
        {
            (await Store.GetAsync(flow.Id, flow.Kind, Ct)).Should().BeNull();
        }

        await ShouldBeStoredAsync(other);
        await ShouldBeStoredAsync(anonymous);
        (await Store.DeleteByIdentityAsync(identity, Ct)).Should().Be(0);
    }

    /// <summary>Flows expiring at or before the instant are deleted and counted; one expiring a microsecond later stays.</summary>
    [ConformanceCase]
    public async Task DeleteExpired_removes_flows_expired_at_or_before_the_instant()
    {
        var cutoff = SelfServiceFlowStoreTestData.ExpiresAt;
        var earlier = await InsertFlowAsync(expiresAt: cutoff - RecoveryStoreTestData.Microsecond);
        var atCutoff = await InsertFlowAsync(SelfServiceFlowKind.Settings, Guid.CreateVersion7(), expiresAt: cutoff);
        var later = await InsertFlowAsync(expiresAt: cutoff + RecoveryStoreTestData.Microsecond);

        (await Store.DeleteExpiredAsync(cutoff, Ct)).Should().Be(2);

        (await Store.GetAsync(earlier.Id, earlier.Kind, Ct)).Should().BeNull();
        (await Store.GetAsync(atCutoff.Id, atCutoff.Kind, Ct)).Should().BeNull();
        await ShouldBeStoredAsync(later);
        (await Store.DeleteExpiredAsync(cutoff, Ct)).Should().Be(0);
    }
}
