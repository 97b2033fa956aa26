using NodaTime;

namespace Ory.Identity.Storage.Specification;

public abstract partial class SelfServiceFlowStoreSpecification
{
    /// <summary>An update gets the stored state, is returned and stored, every field of it.</summary>
    [ConformanceCase]
    public async Task Update_returns_and_stores_the_new_state()
    {
        var flow = await InsertFlowAsync(SelfServiceFlowKind.Settings, Guid.CreateVersion7());
        var expected = flow with
        {
            State = "success",
            ExpiresAt = flow.ExpiresAt + Duration.FromMinutes(30),
            RequestUrl = flow.RequestUrl + "&refresh=true",
            Document = """{"ui":{"messages":[{"id":1050001}]}}""",
        };
        SelfServiceFlowRecord? seen = null;

        var returned = await Store.UpdateAsync(flow.Id, flow.Kind, current =>
        {
            seen = current;
            return expected;
        }, Ct);

        seen.Should().Be(flow);
        returned.Should().Be(expected);
        await ShouldBeStoredAsync(expected);
    }

    /// <summary>Updating an unknown id, or a flow named as the other kind, returns null, runs no delegate and changes nothing.</summary>
    [ConformanceCase]
    public async Task Update_of_an_unknown_flow_or_of_another_kind_is_null()
    {
        var login = await InsertFlowAsync(SelfServiceFlowKind.Login);
        var calls = 0;
        SelfServiceFlowRecord Touch(SelfServiceFlowRecord current)
        {
            calls++;
            return current with { State = "success" };
        }

        (await Store.UpdateAsync(Guid.CreateVersion7(), SelfServiceFlowKind.Login, Touch, Ct)).Should().BeNull();
        (await Store.UpdateAsync(login.Id, SelfServiceFlowKind.Settings, Touch, Ct)).Should().BeNull();

        calls.Should().Be(0);
        await ShouldBeStoredAsync(login);
    }

    /// <summary>An update that changes the id or kind, or returns null, throws and writes nothing.</summary>
    [ConformanceCase]
    public async Task Update_changing_the_id_or_kind_throws_and_writes_nothing()
    {
        var flow = await InsertFlowAsync();
        Func<SelfServiceFlowRecord, SelfServiceFlowRecord>[] breaking =
        [
            f => f with { Id = Guid.CreateVersion7(), State = "success" },
            f => f with { Kind = SelfServiceFlowKind.Settings, State = "success" },
            _ => null!,
        ];

        foreach (var update in breaking)
        {
            await Actions.Awaiting(async () => await Store.UpdateAsync(flow.Id, flow.Kind, update, Ct)).Should().ThrowAsync<InvalidOperationException>();
        }

        await ShouldBeStoredAsync(flow);
    }

    /// <summary>32 concurrent updates of one flow, each appending a mark to its state, lose none.</summary>
    [ConformanceCase]
    public async Task Parallel_updates_of_one_flow_lose_no_write()
    {
        const int writers = 32;
        var flow = await InsertFlowAsync();

        await RunInParallelAsync(writers, async writer =>
            await Store.UpdateAsync(flow.Id, flow.Kind, current =>
            {
                var appended = current with { State = $"{current.State};w{writer}" };
                Thread.Sleep(1); // Widens the read-modify-write window so that a lost update would show.
                return appended;
            }, Ct));

        var stored = await Store.GetAsync(flow.Id, flow.Kind, Ct);
        stored!.State.Split(';').Skip(1).Should().BeEquivalentTo(Enumerable.Range(0, writers).Select(i => $"w{i}"));
    }
}
