using System.Net.Sockets;
using Pipeline.Client.Config;
using Pipeline.Client.Network;

namespace Pipeline.Cli.Tools.Connection;

/// <summary>
/// Checks that at least one bootstrap address accepts a TCP connection before a tool starts its
/// client: a client retries an unreachable cluster until its timeout, while a person at a prompt
/// wants to hear at once that nothing listens there and what to do about it.
/// </summary>
internal static class BrokerProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task EnsureReachableAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        IReadOnlyList<BrokerAddress> addresses;
        try
        {
            addresses = BrokerAddress.ParseList(bootstrapServers);
        }
        catch (KafkaConfigException e)
        {
            throw ToolException.Usage($"--bootstrap-server '{bootstrapServers}' is not HOST:PORT[,HOST:PORT...] ({e.Message})");
        }

        if (addresses.Count == 0)
        {
            throw ToolException.Usage("--bootstrap-server is empty: pass HOST:PORT (e.g. 127.0.0.1:9092)");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var attempts = addresses.Select(a => TryConnectAsync(a.Host, a.Port, timeout.Token)).ToList();
        string? lastError = null;
        while (attempts.Count > 0)
        {
            var done = await Task.WhenAny(attempts).ConfigureAwait(false);
            attempts.Remove(done);
            var error = await done.ConfigureAwait(false);
            if (error is null)
            {
                return;
            }

            lastError = error;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new ToolException(
            $"cannot reach the broker at {bootstrapServers} ({lastError}): is `pipeline up` running? " +
            $"Pass --bootstrap-server HOST:PORT or set {ClientSettings.EnvironmentVariable}.");
    }

    private static async Task<string?> TryConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => $"unknown host {host}",
                _ => e.Message,
            };
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {Timeout.TotalSeconds:0} s";
        }
    }
}
