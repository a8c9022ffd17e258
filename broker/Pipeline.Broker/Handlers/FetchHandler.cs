using Pipeline.Broker.Network;
using Pipeline.Broker.Partitions;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// Fetch (1). Serves whole stored batches as file regions (never decoded), bounded per partition
/// and per response, up to the high watermark (read_uncommitted) or the last stable offset
/// (read_committed). When less than MinBytes is available it long-polls: it waits for an append to
/// any requested partition or for MaxWaitMs, then reads again. Fetch sessions (KIP-227) are
/// declined by answering session id 0, which every client treats as "full fetches".
/// </summary>
internal sealed class FetchHandler
{
    private readonly BrokerServices _broker;

    public FetchHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public ValueTask<IResponseMessage?> HandleAsync(RequestContext context, FetchRequest request, CancellationToken ct)
    {
        if (request.SessionId != 0)
        {
            return new ValueTask<IResponseMessage?>(new FetchResponse { ErrorCode = (short)ErrorCode.FetchSessionIdNotFound, SessionId = 0 });
        }

        var response = Read(context, request, out var bytes, out var waitable, out var anyError);
        if (request.MaxWaitMs <= 0 || bytes >= request.MinBytes || anyError || waitable is null)
        {
            return new ValueTask<IResponseMessage?>(response);
        }

        return LongPollAsync(context, request, response, waitable, ct);
    }

    private async ValueTask<IResponseMessage?> LongPollAsync(RequestContext context, FetchRequest request, FetchResponse first, List<Task> waitable, CancellationToken ct)
    {
        var deadline = _broker.Time.GetTimestamp() + (long)(request.MaxWaitMs * (_broker.Time.TimestampFrequency / 1000.0));
        var response = first;
        while (true)
        {
            var left = _broker.Time.GetElapsedTime(_broker.Time.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                return response;
            }

            try
            {
                await Task.WhenAny(waitable).WaitAsync(left, _broker.Time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return response;
            }
            catch (OperationCanceledException)
            {
                Release(response);
                throw;
            }

            Release(response);
            response = Read(context, request, out var bytes, out var nextWaitable, out var anyError);
            if (bytes >= request.MinBytes || anyError || nextWaitable is null)
            {
                return response;
            }

            waitable = nextWaitable;
        }
    }

    private static void Release(FetchResponse response)
    {
        foreach (var topic in response.Responses)
        {
            foreach (var p in topic.Partitions)
            {
                p.Records.FileRegion?.Release();
                p.Records = RecordSet.Empty;
            }
        }
    }

    private FetchResponse Read(RequestContext context, FetchRequest request, out long totalBytes, out List<Task>? waitable, out bool anyError)
    {
        var version = context.ApiVersion;
        var image = _broker.Controller.Image;
        var readCommitted = request.IsolationLevel == 1;
        var maxBytes = Math.Min(version >= 3 ? request.MaxBytes : int.MaxValue, _broker.Config.FetchMaxBytes);
        var response = new FetchResponse { SessionId = 0 };
        totalBytes = 0;
        waitable = null;
        anyError = false;
        foreach (var topic in request.Topics)
        {
            var name = topic.Topic;
            if (version >= 13)
            {
                name = image.TopicsById.TryGetValue(topic.TopicId, out var t) ? t.Name : null!;
            }

            var topicResponse = new FetchResponse.FetchableTopicResponse { Topic = name ?? string.Empty, TopicId = topic.TopicId };
            response.Responses.Add(topicResponse);
            foreach (var p in topic.Partitions)
            {
                var data = new FetchResponse.PartitionData { PartitionIndex = p.Partition, HighWatermark = -1, Records = RecordSet.Empty };
                topicResponse.Partitions.Add(data);
                if (name is null)
                {
                    data.ErrorCode = (short)ErrorCode.UnknownTopicId;
                    anyError = true;
                    continue;
                }

                if (!_broker.Replicas.TryGetPartition(new TopicPartition(name, p.Partition), out var partition))
                {
                    data.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    anyError = true;
                    continue;
                }

                var error = ReadPartition(partition, p, data, readCommitted, (int)Math.Min(p.PartitionMaxBytes, Math.Max(0, maxBytes - totalBytes)), minOneBatch: totalBytes == 0);
                if (error != ErrorCode.None)
                {
                    data.ErrorCode = (short)error;
                    anyError = true;
                    continue;
                }

                totalBytes += data.Records.Length;
                (waitable ??= []).Add(partition.DataArrived);
            }
        }

        return response;
    }

    private static ErrorCode ReadPartition(Partition partition, FetchRequest.FetchPartition p, FetchResponse.PartitionData data, bool readCommitted, int maxBytes, bool minOneBatch)
    {
        var log = partition.Log;
        var hw = log.HighWatermark;
        var lso = partition.LastStableOffset;
        data.HighWatermark = hw;
        data.LastStableOffset = lso;
        data.LogStartOffset = log.LogStartOffset;
        data.PreferredReadReplica = -1;
        data.AbortedTransactions = readCommitted ? [] : null;

        if (p.CurrentLeaderEpoch >= 0 && p.CurrentLeaderEpoch != partition.LeaderEpoch)
        {
            return p.CurrentLeaderEpoch < partition.LeaderEpoch ? ErrorCode.FencedLeaderEpoch : ErrorCode.UnknownLeaderEpoch;
        }

        var read = log.Read(p.FetchOffset, maxBytes, readCommitted ? lso : hw, minOneBatch);
        if (read.Error != ErrorCode.None)
        {
            return read.Error;
        }

        if (read.Records is { } region)
        {
            data.Records = new RecordSet(region);
        }

        return ErrorCode.None;
    }
}
