using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Catalog;

/// <summary>
/// Every endpoint of the running application, read from its <see cref="EndpointDataSource"/>, so that a new route is
/// fuzzed without anyone listing it. The QuickStart tags each API's endpoints with the port they answer on
/// (its <c>ServePort</c> metadata); an endpoint without one (<c>/health/alive</c>) answers on both.
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
            var port = ServePortOf(endpoint);
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

    // The QuickStart's ServePort record is internal to the sample: read its Port by name.
    private static int? ServePortOf(Endpoint endpoint) =>
        endpoint.Metadata
            .Where(m => m.GetType().Name == "ServePort")
            .Select(m => (int?)m.GetType().GetProperty("Port")!.GetValue(m))
            .FirstOrDefault();
}
