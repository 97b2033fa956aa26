using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Catalog;

/// <summary>
/// Every endpoint of the running application, read from its <see cref="EndpointDataSource"/>, so that a new route is
/// fuzzed without anyone listing it. The QuickStart tags each API's endpoints with the port they answer on
/// (<c>RequireLocalPort</c>'s <see cref="LocalPortMetadata"/>); an endpoint without one (<c>/health/alive</c>) answers on both.
/// </summary>
public static class EndpointCatalog
{
    /// <summary>The endpoints, one per route pattern, method set and listener.</summary>
    public static IReadOnlyList<FuzzEndpoint> Of(FuzzServer server)
    {
        var endpoints = new List<FuzzEndpoint>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? throw new InvalidOperationException($"The endpoint {endpoint.DisplayName} has no route pattern.");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var port = endpoint.Metadata.GetMetadata<LocalPortMetadata>()?.Port;
            if (port is null || port == server.AdminPort)
            {
                endpoints.Add(new FuzzEndpoint(FuzzApi.Admin, pattern, methods));
            }

            if (port is null || port == server.PublicPort)
            {
                endpoints.Add(new FuzzEndpoint(FuzzApi.Public, pattern, methods));
            }
        }

        return endpoints;
    }
}
