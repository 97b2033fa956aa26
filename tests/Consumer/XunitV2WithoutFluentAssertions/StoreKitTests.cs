using Ory.Identity;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Storage.Specification;
using Xunit;

namespace Consumer;

// Item 6: the conformance kit runs from xunit v2 with no assertion library in the project.
public sealed class IdentityStoreKitTests : IdentityStoreSpecification
{
    protected override IIdentityStore CreateStore() => new InMemoryIdentityStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}

public sealed class SessionStoreKitTests : SessionStoreSpecification
{
    protected override ISessionStore CreateStore() => new InMemorySessionStore();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}

public sealed class NulCharacterKitTests : NulCharacterSpecification
{
    protected override Task UseStorageAsync(OryIdentityBuilder builder)
    {
        builder.UseInMemoryStorage();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Conforms(string @case) => RunCaseAsync(@case);
}
