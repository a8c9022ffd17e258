using System.Net;
using System.Net.Sockets;

namespace Pipeline.Testing.Network;

/// <summary>
/// A loopback TCP port that was free a moment ago. Another process can take it before the caller
/// binds it, so prefer letting the server bind port 0 and report its port; use this only for
/// servers that cannot (and retry on "address in use").
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>True when nothing listens on the loopback port and it can be bound now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
