using System.Runtime.InteropServices;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Metadata;
using Pipeline.Broker.Network;
using Pipeline.Broker.Partitions;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// Produce (0). Appends each partition's batch synchronously, on the connection's receive loop, so
/// batches from one connection land in the order they were sent. acks=0 gets no response (a failed
/// acks=0 request closes the connection so the producer notices); acks=1 answers after the write
/// reached the file (it survives a kill -9 of the process); acks=all also waits for the group
/// commit fsync, so it survives a power loss.
/// </summary>
internal sealed class ProduceHandler
{
    private readonly BrokerServices _broker;
    private readonly BatchAppender _appender;

    public ProduceHandler(BrokerServices broker, BatchAppender appender)
    {
        _broker = broker;
        _appender = appender;
    }

    public ValueTask<IResponseMessage?> HandleAsync(RequestContext context, ProduceRequest request, CancellationToken ct)
    {
        var acks = request.Acks;
        var response = new ProduceResponse();
        List<PendingFlush>? flushes = null;
        var anyError = false;
        foreach (var topic in request.TopicData)
        {
            var topicResponse = new ProduceResponse.TopicProduceResponse { Name = topic.Name };
            response.Responses.Add(topicResponse);
            foreach (var data in topic.PartitionData)
            {
                var result = new ProduceResponse.PartitionProduceResponse { Index = data.Index, BaseOffset = -1 };
                topicResponse.PartitionResponses.Add(result);
                var error = acks is 0 or 1 or -1
                    ? Append(context, request, topic.Name, data, result, ref flushes)
                    : new ApiError(ErrorCode.InvalidRequiredAcks, $"Acks must be -1, 0 or 1, not {acks}.");
                if (error.IsError)
                {
                    anyError = true;
                    result.ErrorCode = error.Wire;
                    result.ErrorMessage = error.Message;
                    if (error.RecordErrorIndex >= 0)
                    {
                        result.RecordErrors.Add(new ProduceResponse.BatchIndexAndErrorMessage { BatchIndex = error.RecordErrorIndex, BatchIndexErrorMessage = error.Message });
                    }
                }
            }
        }

        if (acks == 0)
        {
            context.CloseConnection = anyError;
            return new ValueTask<IResponseMessage?>((IResponseMessage?)null);
        }

        if (acks == -1 && flushes is not null)
        {
            return WaitForFlushAsync(response, flushes, request.TimeoutMs, ct);
        }

        return new ValueTask<IResponseMessage?>(response);
    }

    private ApiError Append(RequestContext context, ProduceRequest request, string topic, ProduceRequest.PartitionProduceData data, ProduceResponse.PartitionProduceResponse result, ref List<PendingFlush>? flushes)
    {
        var tp = new TopicPartition(topic, data.Index);
        if (!_broker.Replicas.TryGetPartition(tp, out var partition))
        {
            return new ApiError(ErrorCode.UnknownTopicOrPartition, "This server does not host this topic-partition.");
        }

        if (TopicNames.IsInternal(topic) && context.ClientId != InternalClientId)
        {
            return new ApiError(ErrorCode.InvalidTopicException, $"Cannot append to internal topic {topic}");
        }

        if (request.Acks == -1 && partition.Log.Config.MinInSyncReplicas > 1)
        {
            return new ApiError(ErrorCode.NotEnoughReplicas,
                $"The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of {partition.Log.Config.MinInSyncReplicas} for partition {tp}");
        }

        var records = data.Records;
        if (records.IsNull || records.Length == 0)
        {
            return new ApiError(ErrorCode.InvalidRecord, $"Produce request for {tp} has no record batch.");
        }

        // The frame buffer belongs to this request; offsets and the leader epoch are written into it in place.
        var bytes = MemoryMarshal.AsMemory(records.Memory);
        var error = _appender.Append(partition, bytes, context.ApiVersion, out var info);
        if (error.IsError)
        {
            // Kafka reports the log start offset with a producer-state refusal (clients use it to
            // tell a log truncated under them from a real sequence gap).
            if (error.Code is ErrorCode.OutOfOrderSequenceNumber or ErrorCode.InvalidProducerEpoch or ErrorCode.InvalidTxnState)
            {
                result.LogStartOffset = partition.Log.LogStartOffset;
            }

            return error;
        }

        result.BaseOffset = info.FirstOffset;
        result.LogAppendTimeMs = info.LogAppendTime;
        result.LogStartOffset = partition.Log.LogStartOffset;
        if (request.Acks == -1)
        {
            (flushes ??= []).Add(new PendingFlush(partition, info.LastOffset + 1, result));
        }

        return ApiError.None;
    }

    /// <summary>Client id the broker itself uses for internal topics.</summary>
    public const string InternalClientId = "pipeline-internal";

    private readonly record struct PendingFlush(Partition Partition, long UpTo, ProduceResponse.PartitionProduceResponse Result);

    private static async ValueTask<IResponseMessage?> WaitForFlushAsync(ProduceResponse response, List<PendingFlush> flushes, int timeoutMs, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeoutMs > 0)
        {
            timeout.CancelAfter(timeoutMs);
        }

        foreach (var f in flushes)
        {
            try
            {
                await f.Partition.Log.FlushAsync(f.UpTo, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                f.Result.ErrorCode = (short)ErrorCode.RequestTimedOut;
                f.Result.ErrorMessage = $"The fsync of the write did not complete within {timeoutMs} ms.";
            }
            catch (IOException e)
            {
                f.Result.ErrorCode = (short)ErrorCode.KafkaStorageError;
                f.Result.ErrorMessage = e.Message;
            }
        }

        return response;
    }
}
