using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>
    /// A resend deletes the flow's unused secrets of that method (expired ones too) and returns how many; its used
    /// secrets, its secrets of the other method, and other flows' secrets stay.
    /// </summary>
    [ConformanceCase]
    public async Task Delete_unused_secrets_deletes_only_the_unused_secrets_of_that_flow_and_method()
    {
        var flow = await InsertFlowAsync();
        var other = await InsertFlowAsync(flow.IdentityId);
        var unused = await InsertSecretAsync(flow);
        var expired = await InsertSecretAsync(flow, expiresAt: RecoveryStoreTestData.IssuedAt + Duration.FromMinutes(1));
        var used = await InsertSecretAsync(flow);
        await ConsumeAsync(used);
        var link = await InsertSecretAsync(flow, RecoveryMethod.Link);
        var othersCode = await InsertSecretAsync(other);

        (await Store.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, Ct)).Should().Be(2);

        await ShouldBeGoneAsync(unused);
        await ShouldBeGoneAsync(expired);
        (await FindAsync(used)).Should().Be(used with { UsedAt = Now });
        await ShouldBeStoredUnchangedAsync(link);
        await ShouldBeStoredUnchangedAsync(othersCode);
        await ShouldBeRedeemableAsync(link);
        await ShouldBeRedeemableAsync(othersCode);
        (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
    }

    /// <summary>A code sent after the resend redeems; the earlier code does not.</summary>
    [ConformanceCase]
    public async Task Delete_unused_secrets_then_a_new_secret_leaves_only_the_new_one_redeemable()
    {
        var flow = await InsertFlowAsync();
        var earlier = await InsertSecretAsync(flow);

        await Store.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, Ct);
        var resent = await InsertSecretAsync(flow);

        (await ConsumeAsync(earlier)).Should().BeNull();
        await ShouldBeRedeemableAsync(resent);
    }

    /// <summary>A flow without unused secrets of the method, or an unknown flow, deletes nothing and returns 0.</summary>
    [ConformanceCase]
    public async Task Delete_unused_secrets_with_nothing_to_delete_returns_zero()
    {
        var flow = await InsertFlowAsync();
        var link = await InsertSecretAsync(flow, RecoveryMethod.Link);

        (await Store.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Code, Ct)).Should().Be(0);
        (await Store.DeleteUnusedSecretsAsync(Guid.NewGuid(), RecoveryMethod.Link, Ct)).Should().Be(0);

        await ShouldBeRedeemableAsync(link);
        (await Store.DeleteUnusedSecretsAsync(flow.Id, RecoveryMethod.Link, Ct)).Should().Be(0);
    }
}
