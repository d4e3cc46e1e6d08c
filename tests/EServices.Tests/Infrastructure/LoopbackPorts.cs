using System.Net;
using System.Net.Sockets;

namespace EServices.Tests.Infrastructure;

/// <summary>Ports for the programs the tests start (portals, PostgreSQL, Kannel, Prometheus, the SMTP listener).</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port free now, as the system hands them out; the caller binds it soon after.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
