using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Broker.Config;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Metadata;
using Pipeline.Protocol;
using Pipeline.Storage;
using Pipeline.Storage.Config;

namespace Pipeline.Broker.Partitions;

/// <summary>
/// Keeps the set of local partitions in step with the metadata image: creates (or recovers) the
/// log of every partition this node leads, applies config changes and deletes the logs of deleted
/// topics. Runs on the controller's publish path (one change at a time); lookups are lock-free.
/// </summary>
public sealed class ReplicaManager : IMetadataListener
{
    private readonly ConcurrentDictionary<TopicPartition, Partition> _partitions = new();
    private readonly LogManager _logs;
    private readonly BrokerConfig _config;
    private readonly ILogger _log;

    public ReplicaManager(LogManager logs, BrokerConfig config, ILoggerFactory loggers)
    {
        _logs = logs;
        _config = config;
        _log = loggers.CreateLogger<ReplicaManager>();
    }

    public LogManager Logs => _logs;

    public IEnumerable<Partition> Partitions => _partitions.Values;

    public bool TryGetPartition(TopicPartition tp, out Partition partition) => _partitions.TryGetValue(tp, out partition!);

    public LogConfig CreateLogConfig(IReadOnlyDictionary<string, string> topicConfigs) =>
        LogConfig.Create(topicConfigs, _config.Properties);

    public async Task OnMetadataChangedAsync(MetadataImage previous, MetadataImage current)
    {
        foreach (var (name, old) in previous.TopicsByName)
        {
            if (!current.TopicsByName.TryGetValue(name, out var now) || now.TopicId != old.TopicId)
            {
                await RemoveTopicAsync(old).ConfigureAwait(false);
            }
        }

        foreach (var (name, topic) in current.TopicsByName)
        {
            previous.TopicsByName.TryGetValue(name, out var before);
            if (before is not null && before.TopicId == topic.TopicId && ReferenceEquals(before.Configs, topic.Configs) && before.PartitionCount == topic.PartitionCount)
            {
                continue;
            }

            var config = CreateLogConfig(topic.Configs);
            foreach (var p in topic.Partitions)
            {
                if (p.Leader != _config.NodeId)
                {
                    continue;
                }

                var tp = new TopicPartition(name, p.Index);
                if (_partitions.TryGetValue(tp, out var existing))
                {
                    existing.Log.UpdateConfig(config);
                    continue;
                }

                var log = _logs.GetOrCreateLog(tp, config, topic.TopicId);

                // Becoming leader with a single replica: everything in the log is on the whole ISR.
                // After a kill -9 the checkpointed high watermark can be stale (it is written every
                // few seconds), so it is recomputed, as Kafka's leader does from the ISR's log ends.
                log.UpdateHighWatermark(log.LogEndOffset);

                // A new leader epoch starts at the log end (Kafka's makeLeader), so that
                // OffsetForLeaderEpoch answers for it even before the first append.
                if (log.LeaderEpochs.LatestEpoch < p.LeaderEpoch)
                {
                    log.LeaderEpochs.Assign(p.LeaderEpoch, log.LogEndOffset);
                }

                _partitions[tp] = new Partition(tp, topic.TopicId, log, p.LeaderEpoch);
            }
        }
    }

    private async Task RemoveTopicAsync(TopicImage topic)
    {
        foreach (var p in topic.Partitions)
        {
            var tp = new TopicPartition(topic.Name, p.Index);
            if (_partitions.TryRemove(tp, out var partition))
            {
                partition.Wake();
                await _logs.DeleteLogAsync(tp).ConfigureAwait(false);
            }
        }

        ReplicaLog.TopicLogsDeleted(_log, topic.Name);
    }
}
