using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>Runs the session store conformance kit against <see cref="InMemorySessionStore"/>.</summary>
public sealed class InMemorySessionStoreConformanceTests : SessionStoreSpecification
{
    protected override ISessionStore CreateStore() => new InMemorySessionStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
