namespace Ory.Identity.AspNetCore;

/// <summary>
/// Endpoint metadata added by <see cref="OryIdentityLocalPortExtensions.RequireLocalPort{TBuilder}"/>: the endpoint
/// answers only to requests that arrived on a listener bound to <see cref="Port"/>.
/// </summary>
/// <param name="port">The local port, 1–65535.</param>
public sealed class LocalPortMetadata(int port)
{
    /// <summary>The local port of the connection (<c>HttpContext.Connection.LocalPort</c>) the endpoint answers on.</summary>
    public int Port { get; } = port;
}
