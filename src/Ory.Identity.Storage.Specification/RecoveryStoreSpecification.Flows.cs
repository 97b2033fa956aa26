using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class RecoveryStoreSpecification
{
    /// <summary>A flow with every field set reads back with every field as inserted.</summary>
    [ConformanceCase]
    public async Task Inserted_flow_reads_back_with_every_field()
    {
        var flow = RecoveryStoreTestData.NewFlow() with
        {
            Type = SelfServiceFlowType.Api,
            Active = RecoveryMethod.Link,
            State = RecoveryFlowState.PassedChallenge,
            IssuedAt = RecoveryStoreTestData.IssuedAt + RecoveryStoreTestData.Microsecond,
            ExpiresAt = RecoveryStoreTestData.ExpiresAt + Duration.FromMinutes(5) + RecoveryStoreTestData.Microsecond,
            RecoveredIdentityId = Guid.CreateVersion7(),
            SubmitCount = 3,
        };

        await Store.InsertFlowAsync(flow, Ct);

        var stored = await Store.GetFlowAsync(flow.Id, Ct);
        stored.Should().Be(flow);
        stored!.Id.Should().Be(flow.Id);
        stored.Type.Should().Be(SelfServiceFlowType.Api);
        stored.Active.Should().Be(RecoveryMethod.Link);
        stored.State.Should().Be(RecoveryFlowState.PassedChallenge);
        stored.IssuedAt.Should().Be(flow.IssuedAt);
        stored.ExpiresAt.Should().Be(flow.ExpiresAt);
        stored.RequestUrl.Should().Be(flow.RequestUrl);
        stored.ReturnTo.Should().Be(flow.ReturnTo);
        stored.IdentityId.Should().Be(flow.IdentityId);
        stored.RecoveredIdentityId.Should().Be(flow.RecoveredIdentityId);
        stored.SubmitCount.Should().Be(3);
    }

    /// <summary>A flow without its optional fields reads back with them null and no submissions.</summary>
    [ConformanceCase]
    public async Task Inserted_flow_without_optional_fields_reads_back_with_them_null()
    {
        var flow = RecoveryStoreTestData.NewFlow() with
        {
            State = RecoveryFlowState.ChooseMethod,
            ReturnTo = null,
            IdentityId = null,
            RecoveredIdentityId = null,
        };

        await Store.InsertFlowAsync(flow, Ct);

        var stored = await Store.GetFlowAsync(flow.Id, Ct);
        stored.Should().Be(flow);
        stored!.ReturnTo.Should().BeNull();
        stored.IdentityId.Should().BeNull();
        stored.RecoveredIdentityId.Should().BeNull();
        stored.SubmitCount.Should().Be(0);
    }

    /// <summary>Each flow reads back as itself, among several.</summary>
    [ConformanceCase]
    public async Task Each_flow_reads_back_as_itself()
    {
        var flows = new List<RecoveryFlowRecord>();
        for (var i = 0; i < 5; i++)
        {
            flows.Add(await InsertFlowAsync());
        }

        foreach (var flow in flows)
        {
            (await Store.GetFlowAsync(flow.Id, Ct)).Should().Be(flow);
        }
    }

    /// <summary>Reading a flow id nobody has returns null.</summary>
    [ConformanceCase]
    public async Task Get_of_an_unknown_flow_returns_null()
    {
        await InsertFlowAsync();

        (await Store.GetFlowAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }
}
