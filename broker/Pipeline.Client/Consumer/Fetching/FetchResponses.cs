using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// Takes a Fetch response apart (caller holds the subscription gate): per partition, records
/// become a <see cref="CompletedFetch"/> and move the fetch offset past the last complete batch
/// (KIP-74: a batch cut off at the size limit is fetched again whole next time); errors move the
/// position (OFFSET_OUT_OF_RANGE with auto.offset.reset), refresh metadata and back off (leader
/// changes), or fail the partition (authorization). Answers for partitions whose epoch moved on
/// since the request (seek, pause, revocation) are ignored.
/// </summary>
internal static class FetchResponses
{
    /// <summary>True when any records (or an end-of-partition marker) were queued.</summary>
    public static bool Apply(FetchBuffer buffer, short version, PendingFetch fetch, ConsumerOptions options, CompletedFetches completed,
        MetadataManager metadata, ILogger log, string name)
    {
        var response = buffer.Response;
        var sent = new Dictionary<TopicPartition, FetchedPartition>(fetch.Partitions.Count);
        Dictionary<Uuid, string>? names = version >= 13 ? [] : null;
        foreach (var p in fetch.Partitions)
        {
            sent[p.State.TopicPartition] = p;
            names?.TryAdd(p.TopicId, p.State.TopicPartition.Topic);
        }

        var backoff = Stopwatch.GetTimestamp() + (long)(options.RetryBackoff.TotalSeconds * Stopwatch.Frequency);
        var data = false;
        if (version >= 7 && response.ErrorCode != 0)
        {
            ConsumerLog.FetchFailed(log, name, fetch.NodeId, ErrorCodes.Name((ErrorCode)response.ErrorCode));
        }
        else
        {
            foreach (var topic in response.Responses)
            {
                var topicName = names is null ? topic.Topic : names.GetValueOrDefault(topic.TopicId, "");
                foreach (var p in topic.Partitions)
                {
                    if (!sent.Remove(new TopicPartition(topicName, p.PartitionIndex), out var fp) || fp.State.Epoch != fp.Epoch || !fp.State.Assigned)
                    {
                        continue;
                    }

                    fp.State.FetchInFlight = false;
                    data |= ApplyPartition(buffer, fp, p, options, completed, metadata, log, name, backoff);
                }
            }
        }

        // Partitions the response did not mention (or a failed response): fetch them again after a pause.
        foreach (var fp in sent.Values)
        {
            if (fp.State.Epoch == fp.Epoch && fp.State.FetchInFlight)
            {
                fp.State.FetchInFlight = false;
                fp.State.NotBefore = backoff;
            }
        }

        return data;
    }

    private static bool ApplyPartition(FetchBuffer buffer, FetchedPartition fp, FetchResponse.PartitionData p, ConsumerOptions options, CompletedFetches completed,
        MetadataManager metadata, ILogger log, string name, long backoff)
    {
        var ps = fp.State;
        var error = (ErrorCode)p.ErrorCode;
        switch (error)
        {
            case ErrorCode.None:
                ps.HighWatermark = p.HighWatermark;
                ps.LastStableOffset = p.LastStableOffset;
                ps.LogStartOffset = p.LogStartOffset;
                return AddRecords(buffer, fp, p, options, completed);
            case ErrorCode.OffsetOutOfRange:
                // Only the position itself can be out of range; an answer to a fetch ahead of it is retried from it.
                if (fp.Offset == ps.Position && ps.Buffered == 0)
                {
                    if (options.AutoOffsetReset == AutoOffsetReset.None)
                    {
                        ps.Error = new KafkaException(error, $"Fetch position {fp.Offset} is out of range for partition {ps.TopicPartition}");
                        return true;
                    }

                    ConsumerLog.PositionReset(log, name, ps.TopicPartition.ToString(), fp.Offset, "out of range, auto.offset.reset " + options.AutoOffsetReset);
                    ps.Require(PositionNeed.Reset, options.AutoOffsetReset);
                }

                return false;
            case ErrorCode.TopicAuthorizationFailed or ErrorCode.UnsupportedCompressionType or ErrorCode.UnsupportedVersion:
                ps.Error = new KafkaException(error, $"Fetch of {ps.TopicPartition}");
                return true;
            default:
                ConsumerLog.FetchPartitionError(log, name, ps.TopicPartition.ToString(), ErrorCodes.Name(error));
                metadata.RequestUpdate();
                ps.NotBefore = backoff;
                return false;
        }
    }

    private static bool AddRecords(FetchBuffer buffer, FetchedPartition fp, FetchResponse.PartitionData p, ConsumerOptions options, CompletedFetches completed)
    {
        var ps = fp.State;
        var records = p.Records.Memory;
        if (records.IsEmpty)
        {
            if (options.EnablePartitionEof && !ps.EofReported && ps.Buffered == 0 && fp.Offset == ps.Position && p.HighWatermark >= 0 && fp.Offset >= p.HighWatermark)
            {
                completed.Add(new CompletedFetch(ps, fp.Epoch, null, default, fp.Offset, p.HighWatermark, null));
                ps.Buffered++;
                return true;
            }

            return false;
        }

        var next = fp.Offset;
        int valid;
        try
        {
            var batches = new RecordBatchIterator(records.Span);
            while (batches.MoveNext())
            {
                var batch = batches.Current;
                if (batch.Length < RecordBatchHeader.Size || batch[RecordBatchHeader.MagicOffset] != 2)
                {
                    ps.Error = new KafkaException(ErrorCode.UnsupportedVersion, $"{ps.TopicPartition} holds a record batch in the legacy message format (magic {batch[RecordBatchHeader.MagicOffset]}), which this consumer does not read");
                    return true;
                }

                next = Math.Max(next, new RecordBatchHeader(batch).NextOffset);
            }

            valid = batches.ValidBytes;
        }
        catch (CorruptRecordException e)
        {
            ps.Error = new KafkaException(ErrorCode.CorruptMessage, $"{ps.TopicPartition} at offset {fp.Offset}: {e.Message}", e);
            return true;
        }

        if (valid == 0)
        {
            // KIP-74 brokers always send a first batch whole; only part of one means the limits cannot fit it.
            ps.Error = new KafkaException(ErrorCode.MessageTooLarge,
                $"{ps.TopicPartition} has a record batch at offset {fp.Offset} larger than the {records.Length} bytes returned (max.partition.fetch.bytes {options.MaxPartitionFetchBytes})");
            return true;
        }

        if (next <= fp.Offset)
        {
            return false;
        }

        var aborted = options.IsolationLevel == IsolationLevel.ReadCommitted ? p.AbortedTransactions : null;
        completed.Add(new CompletedFetch(ps, fp.Epoch, buffer, records[..valid], fp.Offset, p.HighWatermark, aborted));
        ps.Buffered++;
        ps.FetchOffset = next;
        return true;
    }
}
