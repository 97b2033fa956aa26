using System.Net;
using System.Net.Sockets;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>Free loopback ports for the servers a test starts (never the QuickStart's fixed 4433/4434/4455).</summary>
internal static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now (the kernel's pick; a server binds it right after).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
