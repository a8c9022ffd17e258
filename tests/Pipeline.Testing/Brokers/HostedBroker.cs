using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker;
using Pipeline.Broker.Config;
using Pipeline.Testing.IO;

namespace Pipeline.Testing.Brokers;

/// <summary>
/// A Pipeline broker hosted in the test process (port 0, temp log dir) for clients, the registry
/// and Connect to talk to over TCP like any Kafka broker. <see cref="SharedAsync"/> gives the one
/// broker a whole test run shares (tests stay independent with topics and groups of their own).
/// </summary>
public sealed class HostedBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Dictionary<string, string> _properties;
    private readonly ILoggerFactory _loggers;
    private BrokerServer _server;

    private static readonly Lazy<Task<HostedBroker>> Shared = new(StartSharedAsync);

    private HostedBroker(TempDirectory dir, Dictionary<string, string> properties, ILoggerFactory loggers, BrokerServer server)
    {
        _dir = dir;
        _properties = properties;
        _loggers = loggers;
        _server = server;
    }

    public string BootstrapServers => $"127.0.0.1:{_server.BoundEndPoint.Port}";

    public int Port => _server.BoundEndPoint.Port;

    public string ClusterId => _server.ClusterId;

    public static async Task<HostedBroker> StartAsync(IReadOnlyDictionary<string, string>? overrides = null, ILoggerFactory? loggers = null)
    {
        var dir = new TempDirectory("pipeline-broker-test");
        var properties = new Dictionary<string, string>
        {
            ["node.id"] = "1",
            ["process.roles"] = "broker,controller",
            ["listeners"] = "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0",
            ["controller.listener.names"] = "CONTROLLER",
            ["log.dirs"] = dir.Combine("data"),
            ["num.partitions"] = "1",
            ["offsets.topic.replication.factor"] = "1",
            ["auto.create.topics.enable"] = "true",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            properties[k] = v;
        }

        try
        {
            var server = await LaunchAsync(properties, loggers ?? NullLoggerFactory.Instance);
            return new HostedBroker(dir, properties, loggers ?? NullLoggerFactory.Instance, server);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The broker shared by every test of this process, started on first use and stopped at exit;
    /// new groups rebalance at once (group.initial.rebalance.delay.ms=0).
    /// </summary>
    public static Task<HostedBroker> SharedAsync() => Shared.Value;

    /// <summary>host:port of the shared broker.</summary>
    public static async Task<string> SharedBootstrapServersAsync() => (await Shared.Value.ConfigureAwait(false)).BootstrapServers;

    /// <summary>A clean stop and a new server on the same data and port (clients see a dropped connection and reconnect).</summary>
    public async Task RestartAsync(TimeSpan downtime = default)
    {
        var port = Port;
        await _server.DisposeAsync();
        if (downtime > TimeSpan.Zero)
        {
            await Task.Delay(downtime);
        }

        var pinned = new Dictionary<string, string>(_properties)
        {
            ["listeners"] = $"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:0",
        };
        _server = await LaunchAsync(pinned, _loggers);
    }

    private static async Task<BrokerServer> LaunchAsync(IReadOnlyDictionary<string, string> properties, ILoggerFactory loggers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await BrokerServer.StartAsync(new BrokerConfig(properties), loggers, cancellationToken: timeout.Token);
    }

    private static async Task<HostedBroker> StartSharedAsync()
    {
        var broker = await StartAsync(new Dictionary<string, string> { ["group.initial.rebalance.delay.ms"] = "0" }).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.DisposeAsync();
        }
        finally
        {
            _dir.Dispose();
        }
    }
}
