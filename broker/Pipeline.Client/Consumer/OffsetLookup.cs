using Pipeline.Client.Group;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer;

/// <summary>
/// ListOffsets at each partition's leader (Kafka's OffsetFetcher): by timestamp, or the special
/// timestamps -2 (earliest) and -1 (latest, the LSO under read_committed). Retriable errors
/// (leader moved, offsets not available yet) refresh metadata and try again until the deadline.
/// <para>Threads: any; no state of its own.</para>
/// </summary>
internal sealed class OffsetLookup
{
    public const long Earliest = -2;
    public const long Latest = -1;

    private readonly MetadataManager _metadata;
    private readonly ConnectionManager _connections;
    private readonly TimeSpan _retryBackoff;

    public OffsetLookup(MetadataManager metadata, ConnectionManager connections, TimeSpan retryBackoff)
    {
        _metadata = metadata;
        _connections = connections;
        _retryBackoff = retryBackoff;
    }

    /// <summary>
    /// The offset for each timestamp (-1 when no record is that recent). Partitions of unknown
    /// topics, and errors a retry cannot fix, throw; partitions still failing at the deadline throw
    /// REQUEST_TIMED_OUT.
    /// </summary>
    public async Task<Dictionary<TopicPartition, ListedOffset>> ListAsync(
        IReadOnlyDictionary<TopicPartition, long> timestamps, IsolationLevel isolation, Deadline deadline, CancellationToken cancellationToken)
    {
        var results = new Dictionary<TopicPartition, ListedOffset>();
        var pending = new Dictionary<TopicPartition, long>(timestamps);
        KafkaError last = default;
        var refresh = false;
        while (true)
        {
            var metadata = await MetadataForAsync(pending.Keys, refresh, deadline, cancellationToken).ConfigureAwait(false);
            var byLeader = new Dictionary<int, List<TopicPartition>>();
            foreach (var tp in pending.Keys)
            {
                if (!metadata.TryGetTopic(tp.Topic, out var topic) || topic.Error == ErrorCode.UnknownTopicOrPartition || (topic.Error == ErrorCode.None && tp.Partition >= topic.PartitionCount))
                {
                    throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"{tp} does not exist");
                }

                var leader = topic.Error == ErrorCode.None ? topic.Partitions[tp.Partition].LeaderId : -1;
                if (leader < 0)
                {
                    last = new KafkaError(ErrorCode.LeaderNotAvailable, $"{tp} has no leader");
                    continue;
                }

                if (!byLeader.TryGetValue(leader, out var list))
                {
                    byLeader[leader] = list = [];
                }

                list.Add(tp);
            }

            var sends = new List<Task<(List<TopicPartition> Asked, ListOffsetsResponse? Response, KafkaException? Error)>>();
            foreach (var (leader, partitions) in byLeader)
            {
                sends.Add(SendAsync(leader, partitions, pending, isolation, deadline, cancellationToken));
            }

            foreach (var (asked, response, error) in await Task.WhenAll(sends).ConfigureAwait(false))
            {
                if (error is not null)
                {
                    last = error.Error;
                    continue;
                }

                foreach (var t in response!.Topics)
                {
                    foreach (var p in t.Partitions)
                    {
                        var tp = new TopicPartition(t.Name, p.PartitionIndex);
                        if (!pending.ContainsKey(tp))
                        {
                            continue;
                        }

                        var code = (ErrorCode)p.ErrorCode;
                        if (code == ErrorCode.None)
                        {
                            results[tp] = new ListedOffset(p.Offset, p.Timestamp, p.LeaderEpoch);
                            pending.Remove(tp);
                        }
                        else if (ErrorCodes.IsRetriable(code))
                        {
                            last = new KafkaError(code, $"ListOffsets for {tp}");
                            _metadata.RequestUpdate();
                        }
                        else
                        {
                            throw new KafkaException(code, $"ListOffsets for {tp}");
                        }
                    }
                }
            }

            if (pending.Count == 0)
            {
                return results;
            }

            if (deadline.HasPassed)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"Failed to get offsets of {pending.Count} partition(s) in time; last error: {last}");
            }

            await Task.Delay(deadline.RemainingAtMost(_retryBackoff), cancellationToken).ConfigureAwait(false);
            refresh = true;
        }
    }

    private async Task<ClusterMetadata> MetadataForAsync(IEnumerable<TopicPartition> partitions, bool refresh, Deadline deadline, CancellationToken cancellationToken)
    {
        var current = _metadata.Current;
        var topics = partitions.Select(p => p.Topic).Distinct();
        var missing = (refresh ? topics : topics.Where(t => !current.TryGetTopic(t, out var m) || m.Error != ErrorCode.None)).ToList();
        if (missing.Count == 0)
        {
            return current;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline.RemainingAtMost(_connections.Settings.RequestTimeout));
        try
        {
            return await _metadata.FetchAsync(missing, allowAutoTopicCreation: false, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KafkaException(ErrorCode.RequestTimedOut, "no metadata for the partitions to look up in time");
        }
    }

    private async Task<(List<TopicPartition>, ListOffsetsResponse?, KafkaException?)> SendAsync(
        int leader, List<TopicPartition> partitions, Dictionary<TopicPartition, long> timestamps, IsolationLevel isolation, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(deadline.RemainingAtMost(_connections.Settings.RequestTimeout + _connections.Settings.SetupTimeout));
            var connection = await _connections.GetAsync(leader, timeout.Token).ConfigureAwait(false);
            var version = connection.Versions.Require(ApiKey.ListOffsets, minVersion: isolation == IsolationLevel.ReadCommitted ? (short)2 : (short)1);
            var request = new ListOffsetsRequest { ReplicaId = -1, IsolationLevel = (sbyte)isolation };
            foreach (var g in partitions.GroupBy(p => p.Topic))
            {
                request.Topics.Add(new ListOffsetsRequest.ListOffsetsTopic
                {
                    Name = g.Key,
                    Partitions = [.. g.Select(p => new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = p.Partition, Timestamp = timestamps[p] })],
                });
            }

            var response = await connection.SendAsync<ListOffsetsResponse>(request, version, cancellationToken: timeout.Token).ConfigureAwait(false);
            return (partitions, response, null);
        }
        catch (KafkaException e)
        {
            _metadata.RequestUpdate();
            return (partitions, null, e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (partitions, null, new KafkaException(ErrorCode.RequestTimedOut, $"ListOffsets to node {leader} timed out"));
        }
    }
}
