using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>Runs the recovery store conformance kit against <see cref="InMemoryRecoveryStore"/>.</summary>
public sealed class InMemoryRecoveryStoreConformanceTests : RecoveryStoreSpecification
{
    protected override IRecoveryStore CreateStore() => new InMemoryRecoveryStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
