using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>An inserted secret is found by its hash with every field as inserted, and finding it does not redeem it.</summary>
    [ConformanceCase]
    public async Task Find_returns_the_secret_with_every_field_and_leaves_it_unused()
    {
        var flow = await InsertFlowAsync();
        var secret = RecoveryStoreTestData.NewSecret(flow, RecoveryMethod.Link) with
        {
            Origin = RecoverySecretOrigin.Admin,
            RecoveryAddressId = null,
            CreatedAt = RecoveryStoreTestData.IssuedAt + RecoveryStoreTestData.Microsecond,
            ExpiresAt = flow.ExpiresAt - RecoveryStoreTestData.Microsecond,
        };
        await Store.InsertSecretAsync(secret, Ct);

        var found = await Store.FindSecretAsync(flow.Id, RecoveryMethod.Link, [secret.Hash], Ct);

        found.Should().Be(secret);
        found!.Id.Should().Be(secret.Id);
        found.FlowId.Should().Be(flow.Id);
        found.IdentityId.Should().Be(secret.IdentityId);
        found.Method.Should().Be(RecoveryMethod.Link);
        found.Origin.Should().Be(RecoverySecretOrigin.Admin);
        found.Hash.Should().Be(secret.Hash);
        found.RecoveryAddressId.Should().BeNull();
        found.CreatedAt.Should().Be(secret.CreatedAt);
        found.ExpiresAt.Should().Be(secret.ExpiresAt);
        found.UsedAt.Should().BeNull();
        await ShouldBeRedeemableAsync(secret);
    }

    /// <summary>A used secret is still found, with the time it was used; finding it changes nothing.</summary>
    [ConformanceCase]
    public async Task Find_returns_a_used_secret_and_changes_nothing()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);
        await ConsumeAsync(secret);

        (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
        (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
        (await ConsumeAsync(secret)).Should().BeNull();
    }

    /// <summary>An expired secret is still found, unused; finding it changes nothing.</summary>
    [ConformanceCase]
    public async Task Find_returns_an_expired_secret_and_changes_nothing()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow, expiresAt: RecoveryStoreTestData.IssuedAt + Duration.FromMinutes(1));

        (await FindAsync(secret)).Should().Be(secret);
        (await ConsumeAsync(secret)).Should().BeNull();
        await ShouldBeStoredUnchangedAsync(secret);
    }

    /// <summary>Key rotation: the stored hash is found in second position of the candidates.</summary>
    [ConformanceCase]
    public async Task Find_finds_the_hash_in_second_position_of_the_candidates()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        (await Store.FindSecretAsync(flow.Id, secret.Method, [RecoveryStoreTestData.NewHash(), secret.Hash], Ct)).Should().Be(secret);
    }

    /// <summary>A wrong hash, another flow, or the other method finds nothing.</summary>
    [ConformanceCase]
    public async Task Find_with_a_wrong_hash_another_flow_or_the_other_method_returns_null()
    {
        var flow = await InsertFlowAsync();
        var other = await InsertFlowAsync(flow.IdentityId);
        var secret = await InsertSecretAsync(flow);

        (await Store.FindSecretAsync(flow.Id, secret.Method, [RecoveryStoreTestData.NewHash()], Ct)).Should().BeNull();
        (await Store.FindSecretAsync(flow.Id, secret.Method, [], Ct)).Should().BeNull();
        (await Store.FindSecretAsync(other.Id, secret.Method, [secret.Hash], Ct)).Should().BeNull();
        (await Store.FindSecretAsync(Guid.NewGuid(), secret.Method, [secret.Hash], Ct)).Should().BeNull();
        (await Store.FindSecretAsync(flow.Id, RecoveryMethod.Link, [secret.Hash], Ct)).Should().BeNull();

        await ShouldBeRedeemableAsync(secret);
    }
}
