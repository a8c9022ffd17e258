using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Admin;

/// <summary>
/// A group's committed offsets: list (OffsetFetch), alter and reset (OffsetCommit with generation
/// -1 and no member, which the coordinator accepts only while the group has no active members),
/// delete (OffsetDelete), and lag (log end offset minus committed offset).
/// </summary>
internal sealed class GroupOffsetAdmin
{
    private readonly AdminContext _ctx;
    private readonly RecordAdmin _records;

    public GroupOffsetAdmin(AdminContext ctx, RecordAdmin records)
    {
        _ctx = ctx;
        _records = records;
    }

    public async Task<IReadOnlyList<CommittedOffset>> ListAsync(string groupId, IReadOnlyList<TopicPartition>? partitions, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        return await ListAsync(groupId, partitions, deadline).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TopicPartitionReport>> AlterAsync(string groupId, IReadOnlyList<TopicPartitionOffset> offsets, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        return await AlterAsync(groupId, offsets, deadline).ConfigureAwait(false);
    }

    /// <summary>Looks the offsets up with ListOffsets (a timestamp with no record after it means the log end), then commits them.</summary>
    public async Task<IReadOnlyList<TopicPartitionOffset>> ResetAsync(string groupId, IReadOnlyList<TopicPartition> partitions, OffsetSpec spec, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var specs = partitions.Distinct().ToDictionary(p => p, _ => spec);
        var found = await _records.ListOffsetsAsync("ResetConsumerGroupOffsets", specs, IsolationLevel.ReadUncommitted, deadline).ConfigureAwait(false);
        AdminContext.Ordered("ResetConsumerGroupOffsets", specs.Keys, found);
        var missing = found.Values.Where(r => r.Offset < 0).ToDictionary(r => r.TopicPartition, _ => OffsetSpec.Latest);
        if (missing.Count > 0)
        {
            var latest = await _records.ListOffsetsAsync("ResetConsumerGroupOffsets", missing, IsolationLevel.ReadUncommitted, deadline).ConfigureAwait(false);
            AdminContext.Ordered("ResetConsumerGroupOffsets", missing.Keys, latest);
            foreach (var (tp, r) in latest)
            {
                found[tp] = r;
            }
        }

        var offsets = specs.Keys.Select(tp => new TopicPartitionOffset(tp, found[tp].Offset)).ToList();
        await AlterAsync(groupId, offsets, deadline).ConfigureAwait(false);
        return offsets;
    }

    public async Task<IReadOnlyList<TopicPartitionReport>> DeleteAsync(string groupId, IReadOnlyList<TopicPartition> partitions, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var answer = await RunForGroupAsync("DeleteConsumerGroupOffsets", groupId, deadline, async connection =>
        {
            var version = connection.Versions.Require(ApiKey.OffsetDelete);
            var request = new OffsetDeleteRequest { GroupId = groupId };
            foreach (var g in partitions.GroupBy(p => p.Topic))
            {
                request.Topics.Add(new OffsetDeleteRequest.OffsetDeleteRequestTopic
                {
                    Name = g.Key,
                    Partitions = [.. g.Select(p => new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = p.Partition })],
                });
            }

            var response = await connection.SendAsync<OffsetDeleteResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            var items = response.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartitionReport(new TopicPartition(t.Name, p.PartitionIndex), KafkaError.From(p.ErrorCode)))).ToList();
            return new GroupAnswer<TopicPartitionReport>(GroupError(response.ErrorCode, items), items);
        }).ConfigureAwait(false);
        return PartitionReports("DeleteConsumerGroupOffsets", partitions, answer);
    }

    public async Task<IReadOnlyList<PartitionLag>> LagAsync(string groupId, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var committed = (await ListAsync(groupId, null, deadline).ConfigureAwait(false)).Where(c => c.Offset >= 0).ToList();
        if (committed.Count == 0)
        {
            return [];
        }

        var ends = await _records.ListOffsetsAsync("ListConsumerGroupLag", committed.ToDictionary(c => c.TopicPartition, _ => OffsetSpec.Latest), IsolationLevel.ReadUncommitted, deadline).ConfigureAwait(false);
        AdminContext.Ordered("ListConsumerGroupLag", committed.Select(c => c.TopicPartition), ends);
        return [.. committed
            .Select(c => new PartitionLag(c.TopicPartition, c.Offset, ends[c.TopicPartition].Offset, ends[c.TopicPartition].Offset - c.Offset))
            .OrderBy(l => l.TopicPartition.Topic, StringComparer.Ordinal).ThenBy(l => l.TopicPartition.Partition)];
    }

    private async Task<IReadOnlyList<CommittedOffset>> ListAsync(string groupId, IReadOnlyList<TopicPartition>? partitions, AdminDeadline deadline)
    {
        var answer = await RunForGroupAsync("ListConsumerGroupOffsets", groupId, deadline, async connection =>
        {
            // Asking for every partition (a null topic list) needs v2.
            var version = connection.Versions.Require(ApiKey.OffsetFetch, minVersion: partitions is null ? (short)2 : (short)1);
            var topics = partitions?.GroupBy(p => p.Topic).Select(g => (g.Key, g.Select(p => p.Partition).ToList())).ToList();
            var request = new OffsetFetchRequest();
            if (version >= 8)
            {
                request.Groups.Add(new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = groupId,
                    Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Key, PartitionIndexes = t.Item2 }).ToList(),
                });
            }
            else
            {
                request.GroupId = groupId;
                request.Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = t.Key, PartitionIndexes = t.Item2 }).ToList();
            }

            var response = await connection.SendAsync<OffsetFetchResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            List<CommittedOffset> items;
            short groupError;
            if (version >= 8)
            {
                var g = response.Groups.FirstOrDefault(x => x.GroupId == groupId)
                    ?? throw new KafkaException(ErrorCode.UnknownServerError, $"OffsetFetch did not answer for group {groupId}");
                groupError = g.ErrorCode;
                items = [.. g.Topics.SelectMany(t => t.Partitions.Select(p => Committed(t.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)))];
            }
            else
            {
                groupError = response.ErrorCode;
                items = [.. response.Topics.SelectMany(t => t.Partitions.Select(p => Committed(t.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)))];
            }

            return new GroupAnswer<CommittedOffset>(GroupError(groupError, items), items);
        }).ConfigureAwait(false);
        if (answer.Error.IsError)
        {
            throw new KafkaException(answer.Error);
        }

        var offsets = partitions is null ? answer.Items.Where(c => c.Offset >= 0) : answer.Items;
        var list = offsets.OrderBy(c => c.TopicPartition.Topic, StringComparer.Ordinal).ThenBy(c => c.TopicPartition.Partition).ToList();
        var failed = list.Where(c => c.Error.IsError).ToList();
        return failed.Count > 0 ? throw new AdminOperationException<CommittedOffset>("ListConsumerGroupOffsets", failed[0].Error, list, failed.Count) : list;
    }

    private async Task<IReadOnlyList<TopicPartitionReport>> AlterAsync(string groupId, IReadOnlyList<TopicPartitionOffset> offsets, AdminDeadline deadline)
    {
        var answer = await RunForGroupAsync("AlterConsumerGroupOffsets", groupId, deadline, async connection =>
        {
            var version = connection.Versions.Require(ApiKey.OffsetCommit);
            var request = new OffsetCommitRequest { GroupId = groupId, GenerationIdOrMemberEpoch = -1, MemberId = "", GroupInstanceId = null };
            foreach (var g in offsets.GroupBy(o => o.Topic))
            {
                request.Topics.Add(new OffsetCommitRequest.OffsetCommitRequestTopic
                {
                    Name = g.Key,
                    Partitions = [.. g.Select(o => new OffsetCommitRequest.OffsetCommitRequestPartition
                    {
                        PartitionIndex = o.Partition,
                        CommittedOffset = o.Offset,
                        CommittedLeaderEpoch = o.LeaderEpoch,
                        CommittedMetadata = "",
                    })],
                });
            }

            var response = await connection.SendAsync<OffsetCommitResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            var items = response.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartitionReport(new TopicPartition(t.Name, p.PartitionIndex), KafkaError.From(p.ErrorCode)))).ToList();
            return new GroupAnswer<TopicPartitionReport>(GroupError(0, items), items);
        }).ConfigureAwait(false);
        return PartitionReports("AlterConsumerGroupOffsets", offsets.Select(o => o.TopicPartition), answer);
    }

    /// <summary>One group at its coordinator, retried (coordinator moves, loading) until the deadline.</summary>
    private async Task<GroupAnswer<T>> RunForGroupAsync<T>(string operation, string groupId, AdminDeadline deadline, Func<Network.KafkaConnection, Task<GroupAnswer<T>>> send)
    {
        var results = await _ctx.RunAsync(operation, [groupId], deadline,
            pending => CoordinatorRouting.SendAsync(_ctx, pending, deadline, (_, e) => new GroupAnswer<T>(e, []), async (connection, _, _) =>
                new[] { KeyValuePair.Create(groupId, await send(connection).ConfigureAwait(false)) }),
            (_, e) => new GroupAnswer<T>(e, [])).ConfigureAwait(false);
        var answer = results[groupId];
        if (answer.Error.Code is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            _ctx.InvalidateCoordinator(groupId);
        }

        return answer;
    }

    /// <summary>The group's error, or the first retriable partition error (then the whole group is asked again).</summary>
    private static KafkaError GroupError<T>(short groupError, List<T> items)
        where T : IAdminResult
    {
        if (groupError != 0)
        {
            return KafkaError.From(groupError);
        }

        foreach (var i in items)
        {
            if (i.Error.IsError && AdminContext.IsRetriable(i.Error.Code))
            {
                return i.Error;
            }
        }

        return KafkaError.None;
    }

    private static IReadOnlyList<TopicPartitionReport> PartitionReports(string operation, IEnumerable<TopicPartition> asked, GroupAnswer<TopicPartitionReport> answer)
    {
        var byPartition = answer.Items.ToDictionary(i => i.TopicPartition);
        var results = new Dictionary<TopicPartition, TopicPartitionReport>();
        foreach (var tp in asked)
        {
            results[tp] = answer.Error.IsError
                ? new TopicPartitionReport(tp, answer.Error)
                : byPartition.GetValueOrDefault(tp) ?? new TopicPartitionReport(tp, new KafkaError(ErrorCode.UnknownServerError, "the broker's response did not mention it"));
        }

        return AdminContext.Ordered(operation, asked, results);
    }

    private static CommittedOffset Committed(string topic, int partition, long offset, int leaderEpoch, string? metadata, short error) =>
        new(new TopicPartition(topic, partition), offset, leaderEpoch, metadata, KafkaError.From(error));
}
