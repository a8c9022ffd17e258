using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Pipeline.Broker.Config;

namespace Pipeline.Broker.Network;

/// <summary>
/// Binds one Kafka listener (<c>NAME://host:port</c>) and runs a <see cref="KafkaConnection"/>
/// per accepted socket. The accept loop runs on its own task; each connection runs its own loops.
/// </summary>
public sealed class KafkaListener : IAsyncDisposable
{
    private static long s_connectionIds;

    private readonly ListenerEndpoint _endpoint;
    private readonly IRequestDispatcher _dispatcher;
    private readonly KafkaListenerOptions _options;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _socket;
    private Task? _acceptLoop;

    public KafkaListener(ListenerEndpoint endpoint, IRequestDispatcher dispatcher, KafkaListenerOptions options, ILoggerFactory loggers)
    {
        _endpoint = endpoint;
        _dispatcher = dispatcher;
        _options = options;
        _log = loggers.CreateLogger<KafkaListener>();
    }

    public string Name => _endpoint.Name;

    /// <summary>The address actually bound (port 0 resolved).</summary>
    public IPEndPoint BoundEndPoint { get; private set; } = new(IPAddress.None, 0);

    public int ConnectionCount => _connections.Count;

    public void Start()
    {
        var address = ResolveBindAddress(_endpoint.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, _endpoint.Port));
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"cannot listen on {_endpoint} ({e.SocketErrorCode}): is another broker or Kafka already using port {_endpoint.Port}? Change 'listeners' or stop the other process.", e);
        }

        _socket = socket;
        BoundEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private static IPAddress ResolveBindAddress(string host)
    {
        if (string.IsNullOrEmpty(host) || host == "0.0.0.0")
        {
            return host == "0.0.0.0" ? IPAddress.Any : IPAddress.IPv6Any;
        }

        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }

        var resolved = Dns.GetHostAddresses(host);
        return resolved.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? resolved.First();
    }

    private async Task AcceptLoopAsync()
    {
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                ConnectionLog.AcceptFailed(_log, _endpoint.Name, e);
                continue;
            }

            client.NoDelay = true;
            if (_options.SocketSendBufferBytes > 0)
            {
                client.SendBufferSize = _options.SocketSendBufferBytes;
            }

            if (_options.SocketReceiveBufferBytes > 0)
            {
                client.ReceiveBufferSize = _options.SocketReceiveBufferBytes;
            }

            var info = new ConnectionInfo(Interlocked.Increment(ref s_connectionIds), _endpoint.Name, client.RemoteEndPoint, client.LocalEndPoint);
            ConnectionLog.Accepted(_log, info);
            var connection = new KafkaConnection(client, info, _dispatcher, _options, _log);
            var task = Task.Run(() => connection.RunAsync(ct), CancellationToken.None);
            _connections[info.Id] = task;
            _ = task.ContinueWith(_ => _connections.TryRemove(info.Id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // connections stuck in a handler; the process is stopping anyway
        }

        _stopping.Dispose();
    }
}
