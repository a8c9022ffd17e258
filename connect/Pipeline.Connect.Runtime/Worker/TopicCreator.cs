using Microsoft.Extensions.Logging;
using Pipeline.Client.Admin;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Protocol;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// Creates a source task's topics per its <c>topic.creation.*</c> groups (KIP-158) before the
/// first record goes to each; a topic that already exists counts as done. Used on the task thread.
/// </summary>
internal sealed class TopicCreator(IAdminClient admin, TopicCreationConfig config, ILogger logger)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string topic, CancellationToken cancellationToken)
    {
        if (_known.Contains(topic))
        {
            return;
        }

        var group = config.GroupFor(topic);
        var spec = new TopicSpecification
        {
            Name = topic,
            NumPartitions = group.Partitions,
            ReplicationFactor = group.ReplicationFactor,
            Configs = group.TopicConfigs.Count > 0 ? group.TopicConfigs : null,
        };
        try
        {
            await admin.CreateTopicsAsync([spec], cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Created topic {Topic} ({Partitions} partitions, replication factor {ReplicationFactor}) for topic creation group {Group}", topic, spec.NumPartitions, spec.ReplicationFactor, group.Name);
        }
        catch (AdminOperationException<CreateTopicReport> e) when (e.Results.All(r => r.Error.Code is ErrorCode.None or ErrorCode.TopicAlreadyExists))
        {
            logger.LogDebug("Topic {Topic} already exists", topic);
        }

        _known.Add(topic);
    }
}
