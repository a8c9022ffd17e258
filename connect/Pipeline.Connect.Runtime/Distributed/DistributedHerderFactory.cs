using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Builds a distributed herder over a real <see cref="ConnectWorker"/> from a worker config (what <c>pipeline connect distributed</c> runs).</summary>
public static class DistributedHerderFactory
{
    public static DistributedHerderOptions Options(WorkerConfig config)
    {
        config.EnsureDistributed();
        return new DistributedHerderOptions
        {
            WorkerId = config.AdvertisedWorkerId(),
            Url = config.AdvertisedUrl(),
            BootstrapServers = config.BootstrapServers,
            GroupId = config.GroupId!,
            ConfigTopic = config.ConfigStorageTopic!,
            ConfigReplicationFactor = config.ConfigStorageReplicationFactor,
            OffsetTopic = config.OffsetStorageTopic!,
            OffsetPartitions = config.OffsetStoragePartitions,
            OffsetReplicationFactor = config.OffsetStorageReplicationFactor,
            StatusTopic = config.StatusStorageTopic!,
            StatusPartitions = config.StatusStoragePartitions,
            StatusReplicationFactor = config.StatusStorageReplicationFactor,
            ScheduledRebalanceMaxDelay = config.ScheduledRebalanceMaxDelay,
            SessionTimeout = config.SessionTimeout,
            HeartbeatInterval = config.HeartbeatInterval,
            RebalanceTimeout = config.RebalanceTimeout,
            WorkerSyncTimeout = config.WorkerSyncTimeout,
            WorkerUnsyncBackoff = config.WorkerUnsyncBackoff,
            Protocol = ConnectProtocolNames.Parse(config.ConnectProtocol),
            ProducerOverrides = Without(config.ProducerConfigs()),
            ConsumerOverrides = Without(config.ConsumerConfigs()),
            AdminOverrides = Without(config.AdminConfigs()),
        };
    }

    /// <summary>A herder whose worker is a <see cref="ConnectWorker"/> over <paramref name="plugins"/>; the options may be adjusted first (tests: a URL with the bound port).</summary>
    public static DistributedHerder Create(WorkerConfig config, PluginRegistry plugins, ILoggerFactory loggers, Func<DistributedHerderOptions, DistributedHerderOptions>? adjust = null, ITaskConfigForwarder? forwarder = null, TimeProvider? time = null)
    {
        var options = Options(config);
        options = adjust?.Invoke(options) ?? options;
        return new DistributedHerder(
            options,
            context => new ConnectWorkerAdapter(new ConnectWorker(context.WorkerId, config, plugins, context.OffsetStore, context.StatusListener, loggers, time), context),
            forwarder,
            loggers,
            time);
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> clientConfig)
    {
        clientConfig.Remove("bootstrap.servers");
        return clientConfig;
    }
}
