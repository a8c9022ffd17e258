using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker;
using Pipeline.Broker.Config;
using Pipeline.Testing.IO;

namespace Pipeline.Connect.Runtime.Tests.Fixtures;

/// <summary>
/// One in-process broker (port 0, temp log dir) shared by every Connect test of the run; tests
/// stay independent by using topics and groups of their own.
/// </summary>
public static class ConnectTestBroker
{
    private static readonly Lazy<Task<Running>> Shared = new(StartAsync);

    /// <summary>host:port of the broker, started on first use.</summary>
    public static async Task<string> BootstrapServersAsync() => (await Shared.Value).BootstrapServers;

    private static async Task<Running> StartAsync()
    {
        var dir = new TempDirectory("pipeline-connect-test");
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
            ["group.initial.rebalance.delay.ms"] = "0",
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var server = await BrokerServer.StartAsync(new BrokerConfig(properties), NullLoggerFactory.Instance, cancellationToken: timeout.Token);
        var running = new Running(server, dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => running.Dispose();
        return running;
    }

    private sealed class Running(BrokerServer server, TempDirectory dir) : IDisposable
    {
        public string BootstrapServers => $"127.0.0.1:{server.BoundEndPoint.Port}";

        public void Dispose()
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            dir.Dispose();
        }
    }
}
