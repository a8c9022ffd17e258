using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest;
using Pipeline.Connect.Runtime.Worker;
using Pipeline.Connectors.File.Lines;
using Pipeline.Testing.Brokers;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>
/// Workers of one Connect cluster in this process, each as <c>pipeline connect distributed</c> builds
/// it: a REST server on a port-0 listener, a <see cref="DistributedHerder"/> over the real
/// <see cref="ConnectWorker"/> with the file connectors built in, task configs forwarded to the
/// leader over HTTP. Every cluster has its own group and internal topics on the shared test broker.
/// </summary>
internal sealed class RealWorkerCluster : IAsyncDisposable
{
    private static readonly Lazy<PluginRegistry> Registry = new(() =>
        PluginRegistry.Load([typeof(FileStreamSourceConnector).Assembly], [], NullLogger.Instance));

    private readonly List<Member> _members = [];

    private RealWorkerCluster()
    {
    }

    public IReadOnlyList<Member> Members => _members;

    public static async Task<RealWorkerCluster> StartAsync(int workers, TimeSpan rebalanceDelay, CancellationToken cancellationToken)
    {
        var bootstrap = await HostedBroker.SharedBootstrapServersAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var cluster = new RealWorkerCluster();
        try
        {
            // Started one after the other: the first becomes the leader and creates the internal topics.
            for (var i = 0; i < workers; i++)
            {
                cluster._members.Add(await StartMemberAsync(bootstrap, id, rebalanceDelay, cancellationToken));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A crash as the group sees it: REST gone, no LeaveGroup; the session times out.</summary>
    public async Task AbandonAsync(Member member)
    {
        _members.Remove(member);
        await member.Rest.DisposeAsync();
        await member.Herder.AbandonAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.Rest.DisposeAsync();
        }

        await Task.WhenAll(_members.Select(m => m.Herder.DisposeAsync().AsTask()));
        _members.Clear();
    }

    private static async Task<Member> StartMemberAsync(string bootstrap, string id, TimeSpan rebalanceDelay, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrap,
            ["group.id"] = $"connect-{id}",
            ["config.storage.topic"] = $"connect-configs-{id}",
            ["offset.storage.topic"] = $"connect-offsets-{id}",
            ["status.storage.topic"] = $"connect-status-{id}",
            ["config.storage.replication.factor"] = "1",
            ["offset.storage.replication.factor"] = "1",
            ["status.storage.replication.factor"] = "1",
            ["offset.storage.partitions"] = "5",
            ["status.storage.partitions"] = "3",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.flush.interval.ms"] = "500",
            ["scheduled.rebalance.max.delay.ms"] = ((long)rebalanceDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["session.timeout.ms"] = "6000",
            ["heartbeat.interval.ms"] = "1000",
            ["rebalance.timeout.ms"] = "20000",
            ["consumer.metadata.max.age.ms"] = "1000",

            // A crashed worker's sink consumers stay in their group until this session times out
            // (Kafka's default is 45 s): short, so the survivors get the partitions within the test.
            ["consumer.session.timeout.ms"] = "6000",
            ["consumer.heartbeat.interval.ms"] = "1000",
            ["listeners"] = "http://127.0.0.1:0",
        };
        var rest = await ConnectRestServer.StartAsync(ConnectRestOptions.FromProperties(properties), NullLoggerFactory.Instance, cancellationToken: cancellationToken);
        try
        {
            var colon = rest.WorkerId.LastIndexOf(':');
            properties["rest.advertised.host.name"] = rest.WorkerId[..colon];
            properties["rest.advertised.port"] = rest.WorkerId[(colon + 1)..];
            var logPath = Environment.GetEnvironmentVariable("CONNECT_DISTRIBUTED_TEST_LOG");
            ILoggerFactory loggers = logPath is null ? NullLoggerFactory.Instance : LoggerFactory.Create(b => b.AddProvider(new FileLoggerProvider(logPath, rest.WorkerId)));
            var herder = DistributedHerderFactory.Create(new WorkerConfig(properties), Registry.Value, loggers);
            try
            {
                await herder.StartAsync(cancellationToken);
                rest.Attach(herder);
                return new Member(rest, herder);
            }
            catch
            {
                await herder.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await rest.DisposeAsync();
            throw;
        }
    }

    public sealed record Member(ConnectRestServer Rest, DistributedHerder Herder)
    {
        public string Url => Rest.AdvertisedUrl;

        public string WorkerId => Rest.WorkerId;
    }
}
