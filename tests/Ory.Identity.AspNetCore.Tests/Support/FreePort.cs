using System.Net;
using System.Net.Sockets;

namespace Ory.Identity.AspNetCore.Tests.Support;

/// <summary>A loopback TCP port free at the time of asking, for real Kestrel listeners (never 4433/4434/4455).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
