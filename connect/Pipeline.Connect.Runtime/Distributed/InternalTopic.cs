using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Creates an internal topic the way Kafka Connect's TopicAdmin does: compacted, with the
/// configured partitions and a replication factor no larger than the number of live brokers
/// (so a one-broker development cluster works with the default of 3). An existing topic is used
/// as it is; its partition count is what the caller gets back.
/// </summary>
internal static class InternalTopic
{
    public static async Task<int> EnsureAsync(IAdminClient admin, KafkaBasedLogOptions options, CancellationToken cancellationToken)
    {
        var cluster = await admin.DescribeClusterAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var replication = options.ReplicationFactor < 0
            ? (short)-1
            : (short)Math.Max(1, Math.Min(options.ReplicationFactor, cluster.Nodes.Count));
        var configs = new Dictionary<string, string>(options.TopicConfigs ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["cleanup.policy"] = "compact",
        };
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = options.Topic, NumPartitions = options.Partitions, ReplicationFactor = replication, Configs = configs }],
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (AdminOperationException<CreateTopicReport> e) when (e.Code == ErrorCode.TopicAlreadyExists)
        {
        }

        // A topic just created may take a moment to appear in every broker's metadata.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var description = (await admin.DescribeTopicsAsync([options.Topic], cancellationToken: cancellationToken).ConfigureAwait(false))[0];
                if (description.Partitions.Count > 0)
                {
                    return description.Partitions.Count;
                }
            }
            catch (AdminOperationException<TopicDescription> e) when (e.Code == ErrorCode.UnknownTopicOrPartition && attempt < 50)
            {
            }

            await Task.Delay(Math.Min(50 * (attempt + 1), 500), cancellationToken).ConfigureAwait(false);
        }
    }
}
