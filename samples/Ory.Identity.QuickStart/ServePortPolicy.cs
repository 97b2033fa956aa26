using Microsoft.AspNetCore.Routing.Matching;

namespace Ory.Identity.QuickStart;

/// <summary>
/// Each listener serves only its own endpoints: a candidate marked with <see cref="ServePort"/> matches only requests
/// that arrived on that local port. The check uses the connection's port, not the Host header (which the client
/// controls, unlike <c>RequireHost</c>), so the admin API is never reachable through the public listener; and two
/// listeners may serve the same path (the UI's <c>/self-service/recovery</c> forwards the link the public API redeems).
/// </summary>
internal sealed class ServePortPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <inheritdoc />
    public override int Order => 0;

    /// <inheritdoc />
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<ServePort>() is not null);

    /// <inheritdoc />
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<ServePort>() is { } port
                && port.Port != httpContext.Connection.LocalPort)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
