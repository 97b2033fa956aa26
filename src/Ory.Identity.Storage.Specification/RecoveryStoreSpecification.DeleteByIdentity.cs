
namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>
    /// Deleting an identity's recovery data removes the flows issued for it, the flows that recovered it, and every
    /// secret recovering it (with their flows' secrets), and returns how many flows and secrets went.
    /// </summary>
    [ConformanceCase]
    public async Task Delete_by_identity_removes_its_flows_and_secrets_and_returns_how_many()
    {
        var identityId = Guid.CreateVersion7();
        var sent = await InsertFlowAsync(identityId);
        var sentCode = await InsertSecretAsync(sent);
        var sentLink = await InsertSecretAsync(sent, RecoveryMethod.Link);
        var recovered = RecoveryStoreTestData.NewFlow() with { IdentityId = null, RecoveredIdentityId = identityId };
        await Store.InsertFlowAsync(recovered, Ct);
        var recoveredCode = await InsertSecretAsync(recovered, identityId: identityId);

        (await Store.DeleteByIdentityAsync(identityId, Ct)).Should().Be(5);

        (await Store.GetFlowAsync(sent.Id, Ct)).Should().BeNull();
        (await Store.GetFlowAsync(recovered.Id, Ct)).Should().BeNull();
        await ShouldBeGoneAsync(sentCode);
        await ShouldBeGoneAsync(sentLink);
        await ShouldBeGoneAsync(recoveredCode);
    }

    /// <summary>A flow recovered (not issued) for the identity goes by its <c>RecoveredIdentityId</c> alone.</summary>
    [ConformanceCase]
    public async Task Delete_by_identity_removes_a_flow_by_its_recovered_identity()
    {
        var identityId = Guid.CreateVersion7();
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);
        await Store.UpdateFlowAsync(flow.Id, current => current with { RecoveredIdentityId = identityId }, Ct);

        (await Store.DeleteByIdentityAsync(identityId, Ct)).Should().Be(2);

        (await Store.GetFlowAsync(flow.Id, Ct)).Should().BeNull();
        await ShouldBeGoneAsync(secret);
    }

    /// <summary>Other identities' flows and secrets stay, redeemable, including those sharing a flow with a deleted secret.</summary>
    [ConformanceCase]
    public async Task Delete_by_identity_leaves_other_identities_flows_and_secrets()
    {
        var identityId = Guid.CreateVersion7();
        await InsertSecretAsync(await InsertFlowAsync(identityId));
        var other = await InsertFlowAsync();
        var othersSecret = await InsertSecretAsync(other);
        var strayInOther = await InsertSecretAsync(other, identityId: identityId);
        var recoveredByOther = RecoveryStoreTestData.NewFlow() with { IdentityId = null, RecoveredIdentityId = other.IdentityId };
        await Store.InsertFlowAsync(recoveredByOther, Ct);

        (await Store.DeleteByIdentityAsync(identityId, Ct)).Should().Be(3);

        (await Store.GetFlowAsync(other.Id, Ct)).Should().Be(other);
        (await Store.GetFlowAsync(recoveredByOther.Id, Ct)).Should().Be(recoveredByOther);
        await ShouldBeGoneAsync(strayInOther);
        await ShouldBeStoredUnchangedAsync(othersSecret);
        await ShouldBeRedeemableAsync(othersSecret);
    }

    /// <summary>An identity without recovery data deletes nothing and returns 0; deleting twice returns 0 the second time.</summary>
    [ConformanceCase]
    public async Task Delete_by_identity_with_nothing_to_delete_returns_zero()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        (await Store.DeleteByIdentityAsync(Guid.NewGuid(), Ct)).Should().Be(0);
        (await Store.DeleteByIdentityAsync(flow.IdentityId!.Value, Ct)).Should().Be(2);
        (await Store.DeleteByIdentityAsync(flow.IdentityId!.Value, Ct)).Should().Be(0);

        await ShouldBeGoneAsync(secret);
    }

    /// <summary>A deleted flow reads as unknown everywhere: no read, update, increment, deletion or redemption finds it.</summary>
    [ConformanceCase]
    public async Task Deleted_flow_reads_as_unknown_everywhere()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        await Store.DeleteByIdentityAsync(flow.IdentityId!.Value, Ct);

        (await Store.GetFlowAsync(flow.Id, Ct)).Should().BeNull();
        (await Store.UpdateFlowAsync(flow.Id, current => current with { SubmitCount = 9 }, Ct)).Should().BeNull();
        (await Store.IncrementSubmitCountAsync(flow.Id, Ct)).Should().BeNull();
        (await Store.DeleteUnusedSecretsAsync(flow.Id, secret.Method, Ct)).Should().Be(0);
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().BeNull();
        await ShouldBeGoneAsync(secret);
    }
}
