using System.Buffers.Binary;
using Pipeline.Client.Config;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// Turns completed fetches into consume results on the application thread (Kafka's
/// FetchCollector): walks the batches (checking CRCs; decompressing through one reused
/// <see cref="RecordBatchReader"/>), skips control batches and, under read_committed, aborted
/// transactions, and deserializes up to max.poll.records records straight from the fetched bytes.
/// Per record it allocates only what the application receives (the result, its message, the key
/// and value objects, and headers when there are any).
/// <para>
/// Positions move when a record is handed out (<see cref="TryTake"/>), not when it is drained, so
/// a commit never covers a record the application has not seen. A record whose partition was
/// sought, paused or revoked after it was drained is dropped then (its epoch no longer matches).
/// </para>
/// <para>Threads: the application thread only; partition state under the subscription gate.</para>
/// </summary>
internal sealed class RecordCollector<TKey, TValue> : IDisposable
{
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly CompletedFetches _completed;
    private readonly IDeserializer<TKey> _keyDeserializer;
    private readonly IDeserializer<TValue> _valueDeserializer;
    private readonly Action _drained;
    private readonly RecordBatchReader _reader = new();
    private readonly List<ReadyRecord<TKey, TValue>> _ready = [];
    private readonly List<PartitionState> _touched = [];
    private int _next;

    /// <param name="drained">Called after a drain emptied some fetched responses (the fetcher may ask for more).</param>
    public RecordCollector(ConsumerOptions options, SubscriptionState subscriptions, CompletedFetches completed, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer,
        Action drained)
    {
        _drained = drained;
        _options = options;
        _subscriptions = subscriptions;
        _completed = completed;
        _keyDeserializer = keyDeserializer;
        _valueDeserializer = valueDeserializer;
    }

    /// <summary>The next drained record whose partition is still where it was; moves that partition's position. Throws a record's error in its place.</summary>
    public bool TryTake(out ConsumeResult<TKey, TValue>? result)
    {
        while (_next < _ready.Count)
        {
            var r = _ready[_next];
            _ready[_next++] = default;
            lock (_subscriptions.Gate)
            {
                var state = r.State;
                if (!state.Assigned || state.Epoch != r.Epoch)
                {
                    continue;
                }

                var eof = r.Result?.IsPartitionEOF == true;
                if (_options.EnableAutoOffsetStore && !eof && state.StoredOffset < r.PositionAfter)
                {
                    state.StoredOffset = r.PositionAfter;
                    state.StoredLeaderEpoch = r.LeaderEpoch;
                }

                state.Position = r.PositionAfter;
                state.PositionLeaderEpoch = r.LeaderEpoch;
                state.EofReported = eof;
            }

            if (r.Error is not null)
            {
                throw r.Error;
            }

            result = r.Result;
            return true;
        }

        _ready.Clear();
        _next = 0;
        result = null;
        return false;
    }

    /// <summary>Fills the ready list from the completed fetches (call when <see cref="TryTake"/> found nothing).</summary>
    public void Drain()
    {
        var max = _options.MaxPollRecords;
        var released = false;
        try
        {
            while (_ready.Count < max)
            {
                CompletedFetch? fetch = null;
                lock (_subscriptions.Gate)
                {
                    while (_completed.Count > 0)
                    {
                        var c = _completed[0];
                        if (c.State.Epoch == c.Epoch && c.State.Assigned)
                        {
                            fetch = c;
                            break;
                        }

                        // Stale (sought, paused, revoked): its partition's buffer count was reset already.
                        _completed.RemoveAt(0);
                        released = true;
                    }
                }

                if (fetch is null)
                {
                    return;
                }

                if (_touched.IndexOf(fetch.State) < 0)
                {
                    _touched.Add(fetch.State);
                }

                DrainFetch(fetch, max);
                if (!fetch.IsDrained)
                {
                    return;
                }

                lock (_subscriptions.Gate)
                {
                    _completed.Remove(fetch);
                    if (fetch.State.Epoch == fetch.Epoch)
                    {
                        fetch.State.Buffered--;
                    }
                }

                released = true;
            }
        }
        finally
        {
            if (released)
            {
                _drained();
            }

            foreach (var s in _touched)
            {
                s.DrainLastIndex = -1;
            }

            _touched.Clear();
        }
    }

    public void Dispose() => _reader.Dispose();

    private void DrainFetch(CompletedFetch fetch, int max)
    {
        var state = fetch.State;
        if (fetch.Records.IsEmpty)
        {
            Add(fetch, new ConsumeResult<TKey, TValue> { Topic = state.TopicPartition.Topic, Partition = state.TopicPartition.Partition, Offset = fetch.NextOffset, IsPartitionEOF = true }, null, fetch.NextOffset, -1);
            fetch.IsDrained = true;
            return;
        }

        var data = fetch.Records.Span;
        while (fetch.BatchCursor < data.Length)
        {
            if (_ready.Count >= max)
            {
                return;
            }

            var size = BinaryPrimitives.ReadInt32BigEndian(data[(fetch.BatchCursor + RecordBatchHeader.BatchLengthOffset)..]) + RecordBatchHeader.LogOverhead;
            var batch = data.Slice(fetch.BatchCursor, size);
            var header = new RecordBatchHeader(batch);
            if (header.NextOffset <= fetch.NextOffset)
            {
                fetch.BatchCursor += size;
                continue;
            }

            if (_options.CheckCrcs && !RecordBatchHeader.IsCrcValid(batch))
            {
                Fail(fetch, header, ErrorCode.CorruptMessage, $"Record batch for partition {state.TopicPartition} at offset {header.BaseOffset} is invalid (CRC mismatch); it is skipped");
            }
            else if (header.IsControl)
            {
                SkipControl(fetch, batch, header);
            }
            else if (fetch.Aborted is not null && header.IsTransactional && fetch.Aborted.IsAborted(header.ProducerId, header.LastOffset))
            {
                // An aborted transaction's records: invisible under read_committed.
            }
            else if (!ReadRecords(fetch, batch, header, max))
            {
                return;
            }

            Advance(fetch, header.NextOffset);
            fetch.BatchCursor += size;
        }

        fetch.IsDrained = true;
    }

    /// <summary>Deserializes the batch's records from <see cref="CompletedFetch.NextOffset"/>; false when max.poll.records stopped it inside the batch.</summary>
    private bool ReadRecords(CompletedFetch fetch, ReadOnlySpan<byte> batch, RecordBatchHeader header, int max)
    {
        var state = fetch.State;
        var topic = state.TopicPartition.Topic;
        var timestampType = header.IsLogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime;
        var leaderEpoch = header.PartitionLeaderEpoch;
        try
        {
            foreach (var record in _reader.Records(batch))
            {
                if (record.Offset < fetch.NextOffset)
                {
                    continue;
                }

                if (_ready.Count >= max)
                {
                    return false;
                }

                var headers = record.HeaderCount == 0 ? null : ToHeaders(record);
                ConsumeResult<TKey, TValue>? result = null;
                KafkaException? error = null;
                try
                {
                    var key = _keyDeserializer.Deserialize(record.Key, record.KeyIsNull, new SerializationContext(MessageComponentType.Key, topic, headers));
                    var value = _valueDeserializer.Deserialize(record.Value, record.ValueIsNull, new SerializationContext(MessageComponentType.Value, topic, headers));
                    result = new ConsumeResult<TKey, TValue>
                    {
                        Topic = topic,
                        Partition = state.TopicPartition.Partition,
                        Offset = record.Offset,
                        LeaderEpoch = leaderEpoch,
                        Message = new Message<TKey, TValue> { Key = key, Value = value, Timestamp = new Timestamp(record.Timestamp, timestampType), Headers = headers },
                    };
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var raw = new ConsumeResult<byte[]?, byte[]?>
                    {
                        Topic = topic,
                        Partition = state.TopicPartition.Partition,
                        Offset = record.Offset,
                        LeaderEpoch = leaderEpoch,
                        Message = new Message<byte[]?, byte[]?>
                        {
                            Key = record.KeyIsNull ? null : record.Key.ToArray(),
                            Value = record.ValueIsNull ? null : record.Value.ToArray(),
                            Timestamp = new Timestamp(record.Timestamp, timestampType),
                            Headers = headers,
                        },
                    };
                    error = new ConsumeException(raw, ErrorCode.InvalidRecord, $"the record at {topic}-{state.TopicPartition.Partition}@{record.Offset} did not deserialize: {e.Message}", e);
                }

                Add(fetch, result, error, record.Offset + 1, leaderEpoch);
                fetch.NextOffset = record.Offset + 1;
            }
        }
        catch (CorruptRecordException e)
        {
            Fail(fetch, header, ErrorCode.CorruptMessage, $"Record batch for partition {state.TopicPartition} at offset {header.BaseOffset} does not parse ({e.Message}); it is skipped");
        }

        return true;
    }

    private void SkipControl(CompletedFetch fetch, ReadOnlySpan<byte> batch, RecordBatchHeader header)
    {
        if (fetch.Aborted is null)
        {
            return;
        }

        try
        {
            foreach (var record in _reader.Records(batch))
            {
                if (record.ControlType == ControlRecordType.Abort)
                {
                    fetch.Aborted.OnAbortMarker(header.ProducerId);
                }
            }
        }
        catch (CorruptRecordException)
        {
            // A control batch we cannot read carries no records for the application either.
        }
    }

    private void Fail(CompletedFetch fetch, RecordBatchHeader header, ErrorCode code, string message)
    {
        var state = fetch.State;
        var raw = new ConsumeResult<byte[]?, byte[]?> { Topic = state.TopicPartition.Topic, Partition = state.TopicPartition.Partition, Offset = Math.Max(fetch.NextOffset, header.BaseOffset) };
        Add(fetch, null, new ConsumeException(raw, code, message), header.NextOffset, header.PartitionLeaderEpoch);
    }

    private void Add(CompletedFetch fetch, ConsumeResult<TKey, TValue>? result, KafkaException? error, long positionAfter, int leaderEpoch)
    {
        fetch.State.DrainLastIndex = _ready.Count;
        _ready.Add(new ReadyRecord<TKey, TValue> { Result = result, Error = error, State = fetch.State, Epoch = fetch.Epoch, PositionAfter = positionAfter, LeaderEpoch = leaderEpoch });
    }

    /// <summary>
    /// Moves past skipped offsets (control records, aborted transactions, a compaction gap at a
    /// batch's end): the partition's last drained record takes the new position with it, or, with
    /// none pending, the position moves now.
    /// </summary>
    private void Advance(CompletedFetch fetch, long offset)
    {
        fetch.NextOffset = Math.Max(fetch.NextOffset, offset);
        var state = fetch.State;
        var last = state.DrainLastIndex;
        if (last >= 0)
        {
            var r = _ready[last];
            if (r.PositionAfter < offset)
            {
                r.PositionAfter = offset;
                _ready[last] = r;
            }

            return;
        }

        lock (_subscriptions.Gate)
        {
            if (state.Epoch == fetch.Epoch && state.Position < offset)
            {
                if (_options.EnableAutoOffsetStore && state.StoredOffset == state.Position)
                {
                    state.StoredOffset = offset;
                }

                state.Position = offset;
            }
        }
    }

    private static Headers ToHeaders(RecordView record)
    {
        var headers = new Headers();
        foreach (var h in record.Headers)
        {
            headers.Add(System.Text.Encoding.UTF8.GetString(h.Key), h.ValueIsNull ? null : h.Value.ToArray());
        }

        return headers;
    }
}
