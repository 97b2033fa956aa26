using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>Runs the storage conformance kit against <see cref="InMemoryIdentityStore"/>.</summary>
public sealed class InMemoryIdentityStoreConformanceTests : IdentityStoreSpecification
{
    protected override IIdentityStore CreateStore() => new InMemoryIdentityStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
