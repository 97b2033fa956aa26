using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>The right hash redeems the secret: it comes back with every field and <c>UsedAt</c> = now, and stays stored so.</summary>
    [ConformanceCase(RecoveryMethod.Code)]
    [ConformanceCase(RecoveryMethod.Link)]
    public async Task Consume_with_the_right_hash_returns_the_secret_used_now_and_persists_it(RecoveryMethod method)
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow, method);
        var now = Now + RecoveryStoreTestData.Microsecond;

        var consumed = await Store.ConsumeSecretAsync(flow.Id, method, [secret.Hash], now, Ct);

        var expected = secret with { UsedAt = now };
        consumed.Should().Be(expected);
        consumed!.UsedAt.Should().Be(now);
        (await FindAsync(secret)).Should().Be(expected);
    }

    /// <summary>An admin-issued secret, bound to no address, redeems like a self-service one and keeps its fields.</summary>
    [ConformanceCase]
    public async Task Consume_returns_an_admin_secret_with_its_fields()
    {
        var flow = await InsertFlowAsync();
        var secret = RecoveryStoreTestData.NewSecret(flow, RecoveryMethod.Link) with
        {
            Origin = RecoverySecretOrigin.Admin,
            RecoveryAddressId = null,
        };
        await Store.InsertSecretAsync(secret, Ct);

        (await ConsumeAsync(secret)).Should().Be(secret with { UsedAt = Now });
    }

    /// <summary>
    /// Key rotation: the candidates hold one hash per configured key, and the stored hash (made with an older key) is
    /// the second one.
    /// </summary>
    [ConformanceCase]
    public async Task Consume_finds_the_hash_in_second_position_of_the_candidates()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        var consumed = await Store.ConsumeSecretAsync(
            flow.Id, secret.Method, [RecoveryStoreTestData.NewHash(), secret.Hash, RecoveryStoreTestData.NewHash()], Now, Ct);

        consumed.Should().Be(secret with { UsedAt = Now });
        (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
    }

    /// <summary>A secret redeems once: the second consume returns null and the first redemption's time stays.</summary>
    [ConformanceCase]
    public async Task Consume_twice_returns_null_the_second_time()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        (await ConsumeAsync(secret)).Should().NotBeNull();
        (await ConsumeAsync(secret, Now + Duration.FromSeconds(1))).Should().BeNull();

        (await FindAsync(secret)).Should().Be(secret with { UsedAt = Now });
    }

    /// <summary>A hash the flow does not hold redeems nothing and changes nothing.</summary>
    [ConformanceCase]
    public async Task Consume_with_a_wrong_hash_returns_null_and_changes_nothing()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);

        (await Store.ConsumeSecretAsync(flow.Id, secret.Method, [RecoveryStoreTestData.NewHash()], Now, Ct)).Should().BeNull();
        (await Store.ConsumeSecretAsync(flow.Id, secret.Method, [secret.Hash.ToUpperInvariant()], Now, Ct)).Should().BeNull();
        (await Store.ConsumeSecretAsync(flow.Id, secret.Method, [], Now, Ct)).Should().BeNull();

        await ShouldBeStoredUnchangedAsync(secret);
        await ShouldBeRedeemableAsync(secret);
    }

    /// <summary>A secret redeems only through its own flow: another flow's id (or an unknown one) gets null.</summary>
    [ConformanceCase]
    public async Task Consume_through_another_flow_returns_null_and_changes_nothing()
    {
        var flow = await InsertFlowAsync();
        var other = await InsertFlowAsync(flow.IdentityId);
        await InsertSecretAsync(other);
        var secret = await InsertSecretAsync(flow);

        (await Store.ConsumeSecretAsync(other.Id, secret.Method, [secret.Hash], Now, Ct)).Should().BeNull();
        (await Store.ConsumeSecretAsync(Guid.NewGuid(), secret.Method, [secret.Hash], Now, Ct)).Should().BeNull();

        await ShouldBeStoredUnchangedAsync(secret);
        await ShouldBeRedeemableAsync(secret);
    }

    /// <summary>A code does not redeem as a link, nor a link as a code.</summary>
    [ConformanceCase(RecoveryMethod.Code, RecoveryMethod.Link)]
    [ConformanceCase(RecoveryMethod.Link, RecoveryMethod.Code)]
    public async Task Consume_with_the_other_method_returns_null_and_changes_nothing(RecoveryMethod method, RecoveryMethod other)
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow, method);

        (await Store.ConsumeSecretAsync(flow.Id, other, [secret.Hash], Now, Ct)).Should().BeNull();

        await ShouldBeStoredUnchangedAsync(secret);
        await ShouldBeRedeemableAsync(secret);
    }

    /// <summary>At its expiry instant and after, a secret no longer redeems, and is not marked used.</summary>
    [ConformanceCase(0)]
    [ConformanceCase(1)]
    [ConformanceCase(60_000_000)]
    public async Task Consume_at_or_after_expiry_returns_null_and_does_not_mark_it_used(long microsecondsAfterExpiry)
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);
        var now = secret.ExpiresAt + (RecoveryStoreTestData.Microsecond * microsecondsAfterExpiry);

        (await Store.ConsumeSecretAsync(flow.Id, secret.Method, [secret.Hash], now, Ct)).Should().BeNull();

        await ShouldBeStoredUnchangedAsync(secret);
    }

    /// <summary>One microsecond before its expiry a secret still redeems.</summary>
    [ConformanceCase]
    public async Task Consume_one_microsecond_before_expiry_succeeds()
    {
        var flow = await InsertFlowAsync();
        var secret = await InsertSecretAsync(flow);
        var now = secret.ExpiresAt - RecoveryStoreTestData.Microsecond;

        (await ConsumeAsync(secret, now)).Should().Be(secret with { UsedAt = now });
    }

    /// <summary>Only the matching secret of a flow is redeemed; the flow's other secrets stay unused and redeemable.</summary>
    [ConformanceCase]
    public async Task Consume_redeems_only_the_matching_secret_of_the_flow()
    {
        var flow = await InsertFlowAsync();
        var first = await InsertSecretAsync(flow);
        var second = await InsertSecretAsync(flow);
        var link = await InsertSecretAsync(flow, RecoveryMethod.Link);

        (await ConsumeAsync(second)).Should().Be(second with { UsedAt = Now });

        await ShouldBeStoredUnchangedAsync(first);
        await ShouldBeStoredUnchangedAsync(link);
        await ShouldBeRedeemableAsync(first);
        await ShouldBeRedeemableAsync(link);
    }
}
