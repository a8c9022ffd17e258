using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Config;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Network;
using Pipeline.Broker.Partitions;

namespace Pipeline.Broker;

/// <summary>What request handlers share: config, controller, partitions, clock and endpoints.</summary>
public sealed class BrokerServices
{
    public BrokerServices(BrokerConfig config, ClusterController controller, ReplicaManager replicas, TimeProvider time, ILoggerFactory? loggers = null)
    {
        Loggers = loggers ?? NullLoggerFactory.Instance;
        Config = config;
        Controller = controller;
        Replicas = replicas;
        Time = time;
    }

    public BrokerConfig Config { get; }

    public ClusterController Controller { get; }

    public ReplicaManager Replicas { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory Loggers { get; }

    public int NodeId => Config.NodeId;

    /// <summary>Set once the listeners are bound (port 0 resolved).</summary>
    public IReadOnlyList<AdvertisedEndpoint> Endpoints { get; set; } = [];

    /// <summary>The endpoint clients of <paramref name="listenerName"/> should use (Kafka answers per listener).</summary>
    public AdvertisedEndpoint EndpointFor(string listenerName)
    {
        foreach (var e in Endpoints)
        {
            if (e.ListenerName == listenerName)
            {
                return e;
            }
        }

        return Endpoints.Count > 0 ? Endpoints[0] : new AdvertisedEndpoint(listenerName, "localhost", 9092);
    }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
