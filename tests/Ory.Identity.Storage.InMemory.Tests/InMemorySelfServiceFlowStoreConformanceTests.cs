using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>Runs the login and settings flow store conformance kit against <see cref="InMemorySelfServiceFlowStore"/>.</summary>
public sealed class InMemorySelfServiceFlowStoreConformanceTests : SelfServiceFlowStoreSpecification
{
    protected override ISelfServiceFlowStore CreateStore() => new InMemorySelfServiceFlowStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
