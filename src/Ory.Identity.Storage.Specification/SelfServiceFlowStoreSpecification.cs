using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The conformance kit of <see cref="ISelfServiceFlowStore"/>: derive a sealed test class, return a new empty store from
/// <see cref="CreateStore"/>, and run its <see cref="Cases"/> from one data-driven test (<see cref="ConformanceKit"/>).
/// </summary>
/// <remarks>
/// Each test gets a fresh instance of the derived class and so calls <see cref="CreateStore"/> once; the store is
/// disposed after the test when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>. Instants have
/// microsecond precision (<see cref="SelfServiceFlowStoreTestData"/>).
/// </remarks>
/// <example>
/// <code>
/// public sealed class MyFlowStoreConformanceTests : SelfServiceFlowStoreSpecification
/// {
///     protected override ISelfServiceFlowStore CreateStore() => new MyFlowStore(...);
///
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
/// }
/// </code>
/// </example>
public abstract partial class SelfServiceFlowStoreSpecification : StoreSpecification<ISelfServiceFlowStore>
{
    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<SelfServiceFlowStoreSpecification>();

    /// <summary>Creates a new, empty store for one case.</summary>
    protected abstract override ISelfServiceFlowStore CreateStore();

    /// <summary>Inserts a new test flow (<see cref="SelfServiceFlowStoreTestData.NewFlow"/>) and returns it.</summary>
    protected async Task<SelfServiceFlowRecord> InsertFlowAsync(
        SelfServiceFlowKind kind = SelfServiceFlowKind.Login,
        Guid? identityId = null,
        Instant? expiresAt = null,
        string? document = null)
    {
        var flow = SelfServiceFlowStoreTestData.NewFlow(kind, identityId, expiresAt, document);
        await Store.InsertAsync(flow, Ct);
        return flow;
    }

    /// <summary>Asserts that <paramref name="flow"/> is stored exactly as given.</summary>
    protected async Task ShouldBeStoredAsync(SelfServiceFlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        (await Store.GetAsync(flow.Id, flow.Kind, Ct)).Should().Be(flow);
    }

    /// <summary>Login and settings flows (with and without an identity) read back with every field as inserted.</summary>
    [ConformanceCase(SelfServiceFlowKind.Login, false)]
    [ConformanceCase(SelfServiceFlowKind.Settings, true)]
    public async Task Inserted_flow_reads_back_unchanged(SelfServiceFlowKind kind, bool withIdentity)
    {
        var flow = SelfServiceFlowStoreTestData.NewFlow(kind, withIdentity ? Guid.CreateVersion7() : null) with
        {
            Type = SelfServiceFlowType.Api,
            State = "show_form",
            IssuedAt = SelfServiceFlowStoreTestData.IssuedAt + RecoveryStoreTestData.Microsecond,
        };
        await Store.InsertAsync(flow, Ct);

        await ShouldBeStoredAsync(flow);
    }

    /// <summary>A flow read as the other kind is none, and an unknown id is none.</summary>
    [ConformanceCase]
    public async Task Get_of_another_kind_or_an_unknown_id_is_null()
    {
        var login = await InsertFlowAsync(SelfServiceFlowKind.Login);
        var settings = await InsertFlowAsync(SelfServiceFlowKind.Settings, Guid.CreateVersion7());

        (await Store.GetAsync(login.Id, SelfServiceFlowKind.Settings, Ct)).Should().BeNull();
        (await Store.GetAsync(settings.Id, SelfServiceFlowKind.Login, Ct)).Should().BeNull();
        (await Store.GetAsync(Guid.CreateVersion7(), SelfServiceFlowKind.Login, Ct)).Should().BeNull();
    }

    /// <summary>The document comes back byte for byte: key order, whitespace, escapes and non-ASCII text kept.</summary>
    [ConformanceCase("{}")]
    [ConformanceCase(SelfServiceFlowStoreTestData.OddDocument)]
    [ConformanceCase("{\"ui\":{\"nodes\":[],\"messages\":[{\"id\":4000006,\"text\":\"The provided credentials are invalid.\",\"type\":\"error\"}]}}")]
    public async Task Document_round_trips_byte_exact(string document)
    {
        var flow = await InsertFlowAsync(document: document);

        var stored = await Store.GetAsync(flow.Id, flow.Kind, Ct);

        stored!.Document.Should().Be(document);
        var updated = await Store.UpdateAsync(flow.Id, flow.Kind, current => current with { Document = document + " " }, Ct);
        updated!.Document.Should().Be(document + " ");
        (await Store.GetAsync(flow.Id, flow.Kind, Ct))!.Document.Should().Be(document + " ");
    }

    /// <summary>Inserting a stored id throws and leaves the stored flow unchanged.</summary>
    [ConformanceCase]
    public async Task Inserting_a_stored_id_throws_and_keeps_the_stored_flow()
    {
        var flow = await InsertFlowAsync();

        await Actions.Awaiting(async () => await Store.InsertAsync(flow with { State = "success", Document = "{\"x\":1}" }, Ct))
            .Should().ThrowAsync<InvalidOperationException>();
        await Actions.Awaiting(async () => await Store.InsertAsync(flow with { Kind = SelfServiceFlowKind.Settings }, Ct))
            .Should().ThrowAsync<InvalidOperationException>();

        await ShouldBeStoredAsync(flow);
        (await Store.GetAsync(flow.Id, SelfServiceFlowKind.Settings, Ct)).Should().BeNull();
    }
}
