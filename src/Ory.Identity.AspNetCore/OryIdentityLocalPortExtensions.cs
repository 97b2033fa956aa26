using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.AspNetCore.Internal.Routing;

namespace Ory.Identity.AspNetCore;

/// <summary>Serves endpoints on one listener port only, as Kratos serves its admin and public APIs on two ports.</summary>
public static class OryIdentityLocalPortExtensions
{
    /// <summary>
    /// Makes the endpoints answer only to requests whose connection arrived on local port <paramref name="port"/>
    /// (<c>HttpContext.Connection.LocalPort</c>, the listener's own port, which a client cannot choose, unlike the Host
    /// header that <c>RequireHost</c> reads). On any other port the routes are not there: 404 with Kratos's error body
    /// under <c>app.UseOryIdentityErrors()</c>, whatever the method (no 405 naming the allowed methods), and another
    /// endpoint of the same path on that port still matches. This is how to keep the admin API off the public listener:
    /// <c>app.MapOryIdentityAdminApi().RequireLocalPort(4434)</c>. Needs <c>services.AddOryIdentityHttp()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoints, typically the group <c>MapOryIdentityAdminApi()</c> returns.</param>
    /// <param name="port">The listener's port, 1–65535.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a TCP port.</exception>
    /// <exception cref="InvalidOperationException">
    /// When the endpoints are built: <c>services.AddOryIdentityHttp()</c> was not called, so nothing would enforce the port.
    /// </exception>
    public static TBuilder RequireLocalPort<TBuilder>(this TBuilder builder, int port)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var metadata = new LocalPortMetadata(port);
        builder.Add(endpoint =>
        {
            if (!endpoint.ApplicationServices.GetServices<MatcherPolicy>().OfType<LocalPortMatcherPolicy>().Any())
            {
                throw new InvalidOperationException(
                    "RequireLocalPort needs services.AddOryIdentityHttp(): without it nothing would keep the endpoints off other ports.");
            }

            endpoint.Metadata.Add(metadata);
        });
        return builder;
    }
}
