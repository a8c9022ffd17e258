using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Admin;

/// <summary>DeleteRecords and ListOffsets, each sent to the partitions' leaders.</summary>
internal sealed class RecordAdmin
{
    private readonly AdminContext _ctx;

    public RecordAdmin(AdminContext ctx) => _ctx = ctx;

    public async Task<IReadOnlyList<DeleteRecordsReport>> DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> beforeOffsets, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var offsets = new Dictionary<TopicPartition, long>();
        foreach (var o in beforeOffsets)
        {
            offsets[o.TopicPartition] = o.Offset;
        }

        var results = await _ctx.RunAsync("DeleteRecords", offsets.Keys, deadline, pending => LeaderRouting.SendAsync(_ctx, pending, deadline, Failed, async (connection, partitions) =>
        {
            var version = connection.Versions.Require(ApiKey.DeleteRecords);
            var request = new DeleteRecordsRequest { TimeoutMs = deadline.RemainingMs };
            foreach (var g in partitions.GroupBy(p => p.Topic))
            {
                var topic = new DeleteRecordsRequest.DeleteRecordsTopic { Name = g.Key };
                foreach (var tp in g)
                {
                    topic.Partitions.Add(new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = tp.Partition, Offset = offsets[tp] });
                }

                request.Topics.Add(topic);
            }

            var response = await connection.SendAsync<DeleteRecordsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Topics.SelectMany(t => t.Partitions.Select(p =>
            {
                var tp = new TopicPartition(t.Name, p.PartitionIndex);
                return KeyValuePair.Create(tp, new DeleteRecordsReport(tp, p.LowWatermark, KafkaError.From(p.ErrorCode)));
            }));
        }), Failed).ConfigureAwait(false);
        return AdminContext.Ordered("DeleteRecords", offsets.Keys, results);

        static DeleteRecordsReport Failed(TopicPartition tp, KafkaError error) => new(tp, -1, error);
    }

    public async Task<IReadOnlyList<ListOffsetsReport>> ListOffsetsAsync(IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, IsolationLevel isolation, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await ListOffsetsAsync("ListOffsets", specs, isolation, deadline).ConfigureAwait(false);
        return AdminContext.Ordered("ListOffsets", specs.Keys, results);
    }

    /// <summary>The unordered form, for operations built on ListOffsets (reset, lag).</summary>
    public Task<Dictionary<TopicPartition, ListOffsetsReport>> ListOffsetsAsync(string operation, IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, IsolationLevel isolation, AdminDeadline deadline)
    {
        // v7 is the first with the max-timestamp sentinel (KIP-734); v2 the first with an isolation level.
        var minVersion = specs.Values.Any(s => s.Timestamp == OffsetSpec.MaxTimestampSentinel) ? (short)7 : isolation == IsolationLevel.ReadCommitted ? (short)2 : (short)1;
        return _ctx.RunAsync(operation, specs.Keys, deadline, pending => LeaderRouting.SendAsync(_ctx, pending, deadline, Failed, async (connection, partitions) =>
        {
            var version = connection.Versions.Require(ApiKey.ListOffsets, minVersion);
            var request = new ListOffsetsRequest { ReplicaId = -1, IsolationLevel = (sbyte)isolation, TimeoutMs = deadline.RemainingMs };
            foreach (var g in partitions.GroupBy(p => p.Topic))
            {
                var topic = new ListOffsetsRequest.ListOffsetsTopic { Name = g.Key };
                foreach (var tp in g)
                {
                    topic.Partitions.Add(new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = tp.Partition, Timestamp = specs[tp].Timestamp, CurrentLeaderEpoch = -1 });
                }

                request.Topics.Add(topic);
            }

            var response = await connection.SendAsync<ListOffsetsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Topics.SelectMany(t => t.Partitions.Select(p =>
            {
                var tp = new TopicPartition(t.Name, p.PartitionIndex);
                return KeyValuePair.Create(tp, new ListOffsetsReport(tp, p.Offset, p.Timestamp, p.LeaderEpoch, KafkaError.From(p.ErrorCode)));
            }));
        }), Failed);

        static ListOffsetsReport Failed(TopicPartition tp, KafkaError error) => new(tp, -1, -1, -1, error);
    }
}
