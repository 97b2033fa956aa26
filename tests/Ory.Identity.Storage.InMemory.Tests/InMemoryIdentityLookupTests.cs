using Ory.Identity.Storage.Specification;

namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>Runs the manager's lookup by credential identifier of the conformance kit over the in-memory stores.</summary>
public sealed class InMemoryIdentityLookupTests : IdentityLookupSpecification
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
