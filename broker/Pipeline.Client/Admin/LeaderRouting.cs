using Pipeline.Client.Network;
using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// Sends per-partition requests (ListOffsets, DeleteRecords) to each partition's leader, from
/// fresh metadata. A partition of an unknown topic, or past its last partition, fails at once
/// with UNKNOWN_TOPIC_OR_PARTITION; one without a leader gets LEADER_NOT_AVAILABLE (retried).
/// </summary>
internal static class LeaderRouting
{
    public static async Task<IEnumerable<KeyValuePair<TopicPartition, TResult>>> SendAsync<TResult>(
        AdminContext ctx,
        IReadOnlyList<TopicPartition> partitions,
        AdminDeadline deadline,
        Func<TopicPartition, KafkaError, TResult> failed,
        Func<KafkaConnection, List<TopicPartition>, Task<IEnumerable<KeyValuePair<TopicPartition, TResult>>>> send)
    {
        var topics = partitions.Select(p => p.Topic).Distinct(StringComparer.Ordinal).ToList();
        var metadata = await ctx.FetchAsync(topics, deadline).ConfigureAwait(false);
        var results = new List<KeyValuePair<TopicPartition, TResult>>();
        var byLeader = new Dictionary<int, List<TopicPartition>>();
        foreach (var tp in partitions)
        {
            if (!metadata.TryGetTopic(tp.Topic, out var topic) || topic.Error == ErrorCode.UnknownTopicOrPartition ||
                (topic.Error == ErrorCode.None && tp.Partition >= topic.PartitionCount))
            {
                results.Add(KeyValuePair.Create(tp, failed(tp, new KafkaError(ErrorCode.UnknownTopicOrPartition, $"This server does not host this topic-partition: {tp}"))));
                continue;
            }

            if (topic.Error != ErrorCode.None)
            {
                results.Add(KeyValuePair.Create(tp, failed(tp, new KafkaError(topic.Error, $"topic {tp.Topic}"))));
                continue;
            }

            var leader = topic.Partitions[tp.Partition].LeaderId;
            if (leader < 0)
            {
                results.Add(KeyValuePair.Create(tp, failed(tp, new KafkaError(ErrorCode.LeaderNotAvailable, $"{tp} has no leader"))));
                continue;
            }

            if (!byLeader.TryGetValue(leader, out var list))
            {
                byLeader[leader] = list = [];
            }

            list.Add(tp);
        }

        var sends = byLeader.Select(async kv =>
        {
            try
            {
                var connection = await ctx.Connections.GetAsync(kv.Key, deadline.Token).ConfigureAwait(false);
                return await send(connection, kv.Value).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                // This leader failed as a whole: its partitions carry the error (retried when retriable).
                return kv.Value.Select(tp => KeyValuePair.Create(tp, failed(tp, e.Error)));
            }
        });
        foreach (var r in await Task.WhenAll(sends).ConfigureAwait(false))
        {
            results.AddRange(r);
        }

        return results;
    }
}
