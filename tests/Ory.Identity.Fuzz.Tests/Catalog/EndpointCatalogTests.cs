using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Seeds;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Catalog;

public sealed class EndpointCatalogTests(InMemoryQuickStart quickStart) : IClassFixture<InMemoryQuickStart>
{
    [Fact]
    public void Every_endpoint_of_both_apis_is_found_and_has_seeds()
    {
        var endpoints = EndpointCatalog.Of(quickStart.Server);

        foreach (var (api, pattern) in new[]
        {
            (FuzzApi.Admin, "/admin/identities/{id}"), (FuzzApi.Admin, "/identities/{id}/api-keys/{keyId}"), (FuzzApi.Admin, "/admin/recovery/code"), (FuzzApi.Admin, "/admin/invitations"),
            (FuzzApi.Public, "/self-service/recovery"), (FuzzApi.Public, "/schemas/{id}"), (FuzzApi.Public, "/demo/whoami"),
            (FuzzApi.Admin, "/health/alive"), (FuzzApi.Public, "/health/alive"),
        })
        {
            endpoints.Should().Contain(e => e.Api == api && e.Pattern == pattern);
        }

        endpoints.Should().NotContain(e => e.Api == FuzzApi.Public && e.Pattern.StartsWith("/admin/identities", StringComparison.Ordinal));
        endpoints.Where(e => e.Pattern == "/admin/identities/{id}").SelectMany(e => e.Methods).Should().BeEquivalentTo("GET", "PUT", "PATCH", "DELETE");
        SeedCatalog.Missing(endpoints).Should().BeEmpty();
    }

    [Fact]
    public void A_new_route_without_seeds_is_reported()
    {
        var missing = SeedCatalog.Missing([new FuzzEndpoint(FuzzApi.Admin, "/admin/identities/{id}/sessions/{sessionId}", ["POST", "GET"])]);

        missing.Should().BeEquivalentTo(
            "no seed request for POST /admin/identities/{id}/sessions/{sessionId}",
            "no seed request for GET /admin/identities/{id}/sessions/{sessionId}",
            "no value for the parameter {sessionId} of /admin/identities/{id}/sessions/{sessionId}");
    }
}
