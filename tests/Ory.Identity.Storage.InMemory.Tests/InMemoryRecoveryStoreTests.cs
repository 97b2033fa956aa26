using NodaTime;
using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>What <see cref="InMemoryRecoveryStore"/> promises beyond the conformance kit: programmer errors are refused and write nothing.</summary>
public sealed class InMemoryRecoveryStoreTests
{
    private static readonly Instant Now = RecoveryStoreTestData.During;
    private readonly InMemoryRecoveryStore _store = new();

    [Fact]
    public async Task Inserting_a_flow_id_that_is_stored_throws_and_keeps_the_first_flow()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);

        var act = async () => await _store.InsertFlowAsync(flow with { State = RecoveryFlowState.PassedChallenge });

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await _store.GetFlowAsync(flow.Id)).Should().Be(flow);
    }

    [Fact]
    public async Task Inserting_a_secret_for_a_flow_that_is_not_stored_throws_without_the_hash_in_the_message()
    {
        var secret = RecoveryStoreTestData.NewSecret(RecoveryStoreTestData.NewFlow());

        var act = async () => await _store.InsertSecretAsync(secret);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().NotContain(secret.Hash);
        (await _store.FindSecretAsync(secret.FlowId, secret.Method, [secret.Hash])).Should().BeNull();
    }

    [Fact]
    public async Task Inserting_a_secret_into_a_deleted_flow_throws_and_writes_nothing()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);
        await _store.DeleteByIdentityAsync(flow.IdentityId!.Value);
        var secret = RecoveryStoreTestData.NewSecret(flow);

        var act = async () => await _store.InsertSecretAsync(secret);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await _store.FindSecretAsync(flow.Id, secret.Method, [secret.Hash])).Should().BeNull();
    }

    [Fact]
    public async Task Inserting_a_secret_id_its_flow_holds_throws_without_the_hash_and_keeps_the_first_secret()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);
        var secret = RecoveryStoreTestData.NewSecret(flow);
        await _store.InsertSecretAsync(secret);
        var again = secret with { Hash = RecoveryStoreTestData.NewHash() };

        var act = async () => await _store.InsertSecretAsync(again);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().NotContain(again.Hash);
        (await _store.FindSecretAsync(flow.Id, secret.Method, [again.Hash])).Should().BeNull();
        (await _store.ConsumeSecretAsync(flow.Id, secret.Method, [secret.Hash], Now)).Should().Be(secret with { UsedAt = Now });
    }

    [Fact]
    public async Task Inserting_a_secret_without_a_hash_throws_and_writes_nothing()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);
        var secret = RecoveryStoreTestData.NewSecret(flow) with { Hash = "" };

        var act = async () => await _store.InsertSecretAsync(secret);

        await act.Should().ThrowAsync<ArgumentException>();
        (await _store.DeleteUnusedSecretsAsync(flow.Id, secret.Method)).Should().Be(0);
    }

    [Fact]
    public async Task Update_returning_null_or_changing_the_id_throws_and_writes_nothing()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);

        var returnsNull = async () => await _store.UpdateFlowAsync(flow.Id, _ => null!);
        var changesId = async () => await _store.UpdateFlowAsync(flow.Id, current => current with { Id = Guid.NewGuid() });

        await returnsNull.Should().ThrowAsync<InvalidOperationException>();
        await changesId.Should().ThrowAsync<InvalidOperationException>();
        (await _store.GetFlowAsync(flow.Id)).Should().Be(flow);
    }

    [Fact]
    public async Task Calls_with_a_cancelled_token_are_cancelled_and_write_nothing()
    {
        var flow = RecoveryStoreTestData.NewFlow();
        await _store.InsertFlowAsync(flow);
        var secret = RecoveryStoreTestData.NewSecret(flow);
        await _store.InsertSecretAsync(secret);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var consume = async () => await _store.ConsumeSecretAsync(flow.Id, secret.Method, [secret.Hash], Now, cts.Token);
        var increment = async () => await _store.IncrementSubmitCountAsync(flow.Id, cts.Token);
        var update = async () => await _store.UpdateFlowAsync(flow.Id, current => current with { SubmitCount = 7 }, cts.Token);
        var expire = async () => await _store.DeleteExpiredAsync(RecoveryStoreTestData.ExpiresAt, cts.Token);

        await consume.Should().ThrowAsync<OperationCanceledException>();
        await increment.Should().ThrowAsync<OperationCanceledException>();
        await update.Should().ThrowAsync<OperationCanceledException>();
        await expire.Should().ThrowAsync<OperationCanceledException>();
        (await _store.GetFlowAsync(flow.Id)).Should().Be(flow);
        (await _store.ConsumeSecretAsync(flow.Id, secret.Method, [secret.Hash], Now)).Should().Be(secret with { UsedAt = Now });
    }
}
