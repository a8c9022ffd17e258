using System.Net;
using Microsoft.Extensions.Logging;
using Pipeline.Broker.Config;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Handlers;
using Pipeline.Broker.Metadata;
using Pipeline.Broker.Network;
using Pipeline.Broker.Partitions;
using Pipeline.Storage;

namespace Pipeline.Broker;

/// <summary>
/// Composes a single broker: formats or checks the log dirs, recovers the logs, loads the metadata,
/// creates the local partitions and binds the Kafka listeners. <see cref="DisposeAsync"/> stops
/// accepting, drains connections and shuts the logs down cleanly.
/// </summary>
public sealed class BrokerServer : IAsyncDisposable
{
    private readonly List<KafkaListener> _listeners = [];
    private readonly LogManager _logs;
    private readonly ILogger _log;
    private bool _disposed;

    private BrokerServer(BrokerConfig config, LogManager logs, BrokerServices services, GroupCoordinator groups, ILogger log)
    {
        Config = config;
        _logs = logs;
        Services = services;
        Groups = groups;
        _log = log;
    }

    public BrokerConfig Config { get; }

    public BrokerServices Services { get; }

    /// <summary>The group coordinator (consumer groups, committed offsets in <c>__consumer_offsets</c>).</summary>
    public GroupCoordinator Groups { get; }

    public string ClusterId => Services.Controller.Image.ClusterId;

    public IReadOnlyList<AdvertisedEndpoint> Endpoints => Services.Endpoints;

    /// <summary>The bound address of the first Kafka listener (tests use port 0).</summary>
    public IPEndPoint BoundEndPoint => _listeners[0].BoundEndPoint;

    public static async Task<BrokerServer> StartAsync(BrokerConfig config, ILoggerFactory loggers, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var log = loggers.CreateLogger<BrokerServer>();
        var clusterId = MetaProperties.EnsureFormatted(config.LogDirs, config.NodeId, config.Properties.GetValueOrDefault("cluster.id"));

        var logs = new LogManager(LogManagerOptions.FromBrokerProperties(config.Properties) with { LogDirs = config.LogDirs }, time, loggers);
        await logs.StartAsync(cancellationToken).ConfigureAwait(false);
        BrokerServer? server = null;
        GroupCoordinator? groups = null;
        try
        {
            var store = new MetadataStore(config.LogDirs[0]);
            var image = store.Exists ? store.Load(clusterId) : MetadataRecovery.FromLogs(clusterId, logs, config.NodeId);
            if (!store.Exists)
            {
                store.Save(image);
            }

            var replicas = new ReplicaManager(logs, config, loggers);
            var controller = new ClusterController(store, image, new ControllerOptions(
                config.NodeId,
                config.NumPartitions,
                config.DefaultReplicationFactor,
                configs => TopicConfigValidation.Validate(configs, config.Properties)), loggers);
            controller.AddListener(replicas);

            // After the replica manager: it loads the __consumer_offsets partitions the replicas created.
            groups = new GroupCoordinator(GroupCoordinatorConfig.From(config), controller, replicas, time, loggers);
            controller.AddListener(groups);
            await controller.StartAsync().ConfigureAwait(false);

            var services = new BrokerServices(config, controller, replicas, time, loggers);
            server = new BrokerServer(config, logs, services, groups, log);
            server.StartListeners(loggers);
            BrokerLog.Ready(log, config.NodeId, string.Join(",", services.Endpoints.Select(e => $"{e.ListenerName}://{e.Host}:{e.Port}")), clusterId);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                if (groups is not null)
                {
                    await groups.DisposeAsync().ConfigureAwait(false);
                }

                await logs.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private void StartListeners(ILoggerFactory loggers)
    {
        var dispatcher = new BrokerRequestDispatcher(Services, Groups);
        var options = new KafkaListenerOptions
        {
            SocketRequestMaxBytes = Config.SocketRequestMaxBytes,
            QueuedMaxRequests = Config.QueuedMaxRequests,
            SocketReceiveBufferBytes = Config.SocketReceiveBufferBytes,
            SocketSendBufferBytes = Config.SocketSendBufferBytes,
            ApiVersionsMaxVersion = SupportedApis.MaxVersion(Protocol.Messages.ApiKey.ApiVersions),
        };
        var endpoints = new List<AdvertisedEndpoint>();
        foreach (var endpoint in Config.Listeners)
        {
            if (Config.ControllerListenerNames.Contains(endpoint.Name))
            {
                continue;
            }

            var listener = new KafkaListener(endpoint, dispatcher, options, loggers);
            listener.Start();
            _listeners.Add(listener);
            endpoints.Add(Advertise(endpoint, listener.BoundEndPoint));
        }

        Services.Endpoints = endpoints;
    }

    private AdvertisedEndpoint Advertise(ListenerEndpoint bound, IPEndPoint actual)
    {
        var advertised = Config.AdvertisedListeners.FirstOrDefault(a => a.Name == bound.Name);
        if (advertised is not null && !string.IsNullOrEmpty(advertised.Host))
        {
            return new AdvertisedEndpoint(bound.Name, advertised.Host, advertised.Port == 0 ? actual.Port : advertised.Port);
        }

        var host = bound.Host;
        if (string.IsNullOrEmpty(host) || host is "0.0.0.0" or "::")
        {
            host = Dns.GetHostName();
        }

        return new AdvertisedEndpoint(bound.Name, host, actual.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // First, so that parked JoinGroup/SyncGroup requests are answered (NOT_COORDINATOR) and
        // their connections can close.
        await Groups.DisposeAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var p in Services.Replicas.Partitions)
        {
            p.Wake();
        }

        await _logs.DisposeAsync().ConfigureAwait(false);
        BrokerLog.Stopped(_log, Config.NodeId);
    }
}
