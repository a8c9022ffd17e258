using Pipeline.Client.Group;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer;

/// <summary>
/// Committed offsets at the group coordinator: OffsetCommit (with the member's generation when the
/// group assigns partitions, generation -1 and no member for a manual assignment) and OffsetFetch
/// (require_stable from v7, KIP-447, so pending transactional commits are waited for).
/// <para>
/// Errors: a moved or loading coordinator is retried until the deadline (only by sync calls); a
/// stale generation (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID) fails the commit and resets the
/// membership, REBALANCE_IN_PROGRESS fails it and asks for a rejoin, FENCED_INSTANCE_ID is fatal.
/// </para>
/// <para>Threads: any.</para>
/// </summary>
internal sealed class OffsetCommitter
{
    private readonly string _groupId;
    private readonly string? _groupInstanceId;
    private readonly CoordinatorLink _coordinator;
    private readonly TimeSpan _retryBackoff;

    public OffsetCommitter(string groupId, string? groupInstanceId, CoordinatorLink coordinator, TimeSpan retryBackoff)
    {
        _groupId = groupId;
        _groupInstanceId = groupInstanceId;
        _coordinator = coordinator;
        _retryBackoff = retryBackoff;
    }

    /// <summary>Set when partitions come from the group: commits then carry its generation.</summary>
    public GroupMember? Member { get; set; }

    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets, Deadline deadline, bool retry, CancellationToken cancellationToken)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        while (true)
        {
            var error = await TryCommitAsync(offsets, deadline, cancellationToken).ConfigureAwait(false);
            if (error.Code == ErrorCode.None)
            {
                return;
            }

            var retriable = error.Code is ErrorCode.CoordinatorNotAvailable or ErrorCode.NotCoordinator or ErrorCode.CoordinatorLoadInProgress
                or ErrorCode.RequestTimedOut or ErrorCode.NetworkException;
            if (!retriable || !retry || deadline.HasPassed)
            {
                throw new KafkaException(error);
            }

            await Task.Delay(deadline.RemainingAtMost(_retryBackoff), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The committed offsets (null for a partition without one), retrying until the deadline.</summary>
    public async Task<Dictionary<TopicPartition, TopicPartitionOffset?>> FetchAsync(IReadOnlyCollection<TopicPartition> partitions, Deadline deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            KafkaError error;
            try
            {
                if (!await _coordinator.EnsureKnownAsync(deadline, cancellationToken).ConfigureAwait(false))
                {
                    throw new KafkaException(ErrorCode.RequestTimedOut, $"no coordinator for group {_groupId} in time");
                }

                var (response, version) = await _coordinator.SendAsync<OffsetFetchResponse>(ApiKey.OffsetFetch, v => FetchRequest(v, partitions), null, cancellationToken, minVersion: 1)
                    .ConfigureAwait(false);
                error = ReadFetch(response, version, out var found);
                if (error.Code == ErrorCode.None)
                {
                    return found;
                }
            }
            catch (KafkaException e) when (e.Code is ErrorCode.NetworkException or ErrorCode.CoordinatorNotAvailable)
            {
                error = e.Error;
            }

            _coordinator.HandleError(error.Code);
            var retriable = error.Code is ErrorCode.CoordinatorNotAvailable or ErrorCode.NotCoordinator or ErrorCode.CoordinatorLoadInProgress
                or ErrorCode.UnstableOffsetCommit or ErrorCode.NetworkException or ErrorCode.RequestTimedOut;
            if (!retriable)
            {
                throw new KafkaException(error);
            }

            if (deadline.HasPassed)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"committed offsets of group {_groupId} not fetched in time: {error}");
            }

            await Task.Delay(deadline.RemainingAtMost(_retryBackoff), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KafkaError> TryCommitAsync(IReadOnlyList<TopicPartitionOffset> offsets, Deadline deadline, CancellationToken cancellationToken)
    {
        var generation = Member?.Generation ?? GroupGeneration.None;
        if (Member is not null && !generation.IsValid)
        {
            return new KafkaError(ErrorCode.RebalanceInProgress, "the consumer is not a member of a generation of the group (it is rejoining); the commit cannot be made");
        }

        OffsetCommitResponse response;
        try
        {
            if (!await _coordinator.EnsureKnownAsync(deadline, cancellationToken).ConfigureAwait(false))
            {
                return new KafkaError(ErrorCode.RequestTimedOut, $"no coordinator for group {_groupId} in time");
            }

            (response, _) = await _coordinator.SendAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, _ => CommitRequest(offsets, generation), null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.IsRetriable || e.Code == ErrorCode.CoordinatorNotAvailable)
        {
            return e.Error;
        }

        var first = KafkaError.None;
        foreach (var t in response.Topics)
        {
            foreach (var p in t.Partitions)
            {
                if (p.ErrorCode != 0 && first.Code == ErrorCode.None)
                {
                    first = new KafkaError((ErrorCode)p.ErrorCode, $"OffsetCommit of {t.Name}-{p.PartitionIndex}");
                }
            }
        }

        switch (first.Code)
        {
            case ErrorCode.None:
                break;
            case ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId:
                Member?.ResetGeneration(first.Code == ErrorCode.UnknownMemberId, "a commit was rejected: " + first);
                return new KafkaError(first.Code, "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member");
            case ErrorCode.RebalanceInProgress:
                Member?.RequestRejoin("a commit found the group rebalancing");
                break;
            case ErrorCode.FencedInstanceId:
                Member?.Fail(new KafkaException(first.Code, $"group.instance.id {_groupInstanceId} was taken over by another member"));
                break;
            default:
                _coordinator.HandleError(first.Code);
                break;
        }

        return first;
    }

    private OffsetCommitRequest CommitRequest(IReadOnlyList<TopicPartitionOffset> offsets, GroupGeneration generation)
    {
        var request = new OffsetCommitRequest
        {
            GroupId = _groupId,
            GenerationIdOrMemberEpoch = generation.GenerationId,
            MemberId = generation.MemberId,
            GroupInstanceId = Member is null ? null : _groupInstanceId,
        };
        foreach (var g in offsets.GroupBy(o => o.Topic, StringComparer.Ordinal))
        {
            var topic = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = g.Key };
            foreach (var o in g)
            {
                topic.Partitions.Add(new OffsetCommitRequest.OffsetCommitRequestPartition
                {
                    PartitionIndex = o.Partition,
                    CommittedOffset = o.Offset,
                    CommittedLeaderEpoch = o.LeaderEpoch,
                    CommittedMetadata = "",
                });
            }

            request.Topics.Add(topic);
        }

        return request;
    }

    private OffsetFetchRequest FetchRequest(short version, IReadOnlyCollection<TopicPartition> partitions)
    {
        var byTopic = partitions.GroupBy(p => p.Topic, StringComparer.Ordinal).ToList();
        var request = new OffsetFetchRequest { RequireStable = true };
        if (version >= 8)
        {
            request.Groups.Add(new OffsetFetchRequest.OffsetFetchRequestGroup
            {
                GroupId = _groupId,
                Topics = [.. byTopic.Select(g => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = g.Key, PartitionIndexes = [.. g.Select(p => p.Partition)] })],
            });
        }
        else
        {
            request.GroupId = _groupId;
            request.Topics = [.. byTopic.Select(g => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = g.Key, PartitionIndexes = [.. g.Select(p => p.Partition)] })];
        }

        return request;
    }

    private KafkaError ReadFetch(OffsetFetchResponse response, short version, out Dictionary<TopicPartition, TopicPartitionOffset?> found)
    {
        found = [];
        if (version >= 8)
        {
            var group = response.Groups.Find(g => g.GroupId == _groupId);
            if (group is null)
            {
                return new KafkaError(ErrorCode.UnknownServerError, $"OffsetFetch did not answer for group {_groupId}");
            }

            if (group.ErrorCode != 0)
            {
                return KafkaError.From(group.ErrorCode);
            }

            foreach (var t in group.Topics)
            {
                foreach (var p in t.Partitions)
                {
                    if (p.ErrorCode != 0)
                    {
                        return new KafkaError((ErrorCode)p.ErrorCode, $"OffsetFetch of {t.Name}-{p.PartitionIndex}");
                    }

                    found[new TopicPartition(t.Name, p.PartitionIndex)] = p.CommittedOffset < 0 ? null : new TopicPartitionOffset(t.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch);
                }
            }

            return KafkaError.None;
        }

        if (version >= 2 && response.ErrorCode != 0)
        {
            return KafkaError.From(response.ErrorCode);
        }

        foreach (var t in response.Topics)
        {
            foreach (var p in t.Partitions)
            {
                if (p.ErrorCode != 0)
                {
                    return new KafkaError((ErrorCode)p.ErrorCode, $"OffsetFetch of {t.Name}-{p.PartitionIndex}");
                }

                found[new TopicPartition(t.Name, p.PartitionIndex)] = p.CommittedOffset < 0 ? null : new TopicPartitionOffset(t.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch);
            }
        }

        return KafkaError.None;
    }
}
