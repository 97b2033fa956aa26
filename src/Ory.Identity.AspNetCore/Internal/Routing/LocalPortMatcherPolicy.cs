using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Ory.Identity.AspNetCore.Internal.Routing;

/// <summary>
/// Routes by the connection's local port (<see cref="LocalPortMetadata"/>): an endpoint bound to a port exists only on
/// that port, endpoints without one exist on every port. It runs before the HTTP method policy, so on another port a
/// bound route is simply not there (404), never a 405 that would reveal its methods.
/// </summary>
internal sealed class LocalPortMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    // The edge of the endpoints bound to no port; ports are 1–65535.
    private const int AnyPort = 0;

    /// <summary>Before <c>HttpMethodMatcherPolicy</c> (-1000).</summary>
    public override int Order => -1100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => PortOf(e) != AnyPort);

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var edges = new List<PolicyNodeEdge>();
        foreach (var port in endpoints.Select(PortOf).Where(p => p != AnyPort).Distinct())
        {
            edges.Add(new PolicyNodeEdge(port, endpoints.Where(e => PortOf(e) is AnyPort || PortOf(e) == port).ToArray()));
        }

        var unbound = endpoints.Where(e => PortOf(e) == AnyPort).ToArray();
        if (unbound.Length > 0)
        {
            edges.Add(new PolicyNodeEdge(AnyPort, unbound));
        }

        return edges;
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        var byPort = new Dictionary<int, int>();
        var otherPorts = exitDestination;
        foreach (var edge in edges)
        {
            if ((int)edge.State == AnyPort)
            {
                otherPorts = edge.Destination;
            }
            else
            {
                byPort[(int)edge.State] = edge.Destination;
            }
        }

        return new LocalPortJumpTable(byPort, otherPorts);
    }

    private static int PortOf(Endpoint endpoint) => endpoint.Metadata.GetMetadata<LocalPortMetadata>()?.Port ?? AnyPort;

    private sealed class LocalPortJumpTable(Dictionary<int, int> byPort, int otherPorts) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) =>
            byPort.TryGetValue(httpContext.Connection.LocalPort, out var destination) ? destination : otherPorts;
    }
}
