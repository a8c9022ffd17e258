using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Protocol;
using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>
/// The records waiting for one partition, encoded as they are appended straight into a pooled
/// buffer after 61 reserved bytes, so that an uncompressed batch is finished in place by writing
/// its header (a compressed one is compressed once into a second pooled buffer). Appends run
/// under the partition queue's lock; after <see cref="Close"/> the batch belongs to the sender loop.
/// <para>Allocates nothing per record unless the record has a callback (then one slot in a pooled array).</para>
/// </summary>
internal sealed class ProducerBatch
{
    private readonly int _sizeLimit;
    private byte[] _buffer;
    private int _written = RecordBatchHeader.Size;
    private RecordThunk[]? _thunks;
    private int _thunkCount;
    private long _baseTimestamp = -1;
    private long _maxTimestamp = -1;
    private PooledBufferWriter? _compressed;
    private ReadOnlyMemory<byte> _built;
    private CompressionType _compression;
    private bool _grown;

    public ProducerBatch(TopicPartition topicPartition, byte[] buffer, int reservedBytes, int sizeLimit, long createdTimestamp)
    {
        TopicPartition = topicPartition;
        _buffer = buffer;
        ReservedBytes = reservedBytes;
        _sizeLimit = sizeLimit;
        CreatedTimestamp = createdTimestamp;
    }

    public TopicPartition TopicPartition { get; }

    /// <summary>Bytes reserved from <see cref="BufferMemory"/>, given back on completion.</summary>
    public int ReservedBytes { get; }

    /// <summary>Stopwatch timestamp of creation (linger and delivery.timeout.ms count from here).</summary>
    public long CreatedTimestamp { get; }

    public int RecordCount { get; private set; }

    /// <summary>Bytes of the records and header so far (before compression).</summary>
    public int EstimatedSize => _written;

    /// <summary>Closed batches take no more records; the sender closes a batch when it drains it.</summary>
    public bool IsClosed { get; private set; }

    public bool IsFull => _written >= _sizeLimit;

    public int Attempts { get; set; }

    /// <summary>Stopwatch timestamp before which a retry must not be sent.</summary>
    public long RetryNotBefore { get; set; }

    /// <summary>True once a request carrying it was written (a failure may then be "possibly persisted").</summary>
    public bool EverSent { get; set; }

    public bool InFlight { get; set; }

    public long ProducerId { get; private set; } = -1;

    public short ProducerEpoch { get; private set; } = -1;

    public int BaseSequence { get; private set; } = -1;

    public bool HasSequence => BaseSequence >= 0;

    /// <summary>The sequence of the last record, wrapping after int.MaxValue as Kafka does.</summary>
    public int LastSequence => (int)(((long)BaseSequence + RecordCount - 1) % ((long)int.MaxValue + 1));

    /// <summary>The finished batch (valid after <see cref="Build"/> until <see cref="Release"/>).</summary>
    public ReadOnlyMemory<byte> Built => _built;

    public bool IsBuilt => !_built.IsEmpty;

    public bool TryAppend(long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull,
        Headers? headers, object? callback, object? message)
    {
        if (IsClosed)
        {
            return false;
        }

        var baseTimestamp = RecordCount == 0 ? timestamp : _baseTimestamp;
        var headerCount = headers?.Count ?? 0;
        var headersSize = RecordEncoding.HeadersSize(headers);
        var size = RecordEncoding.RecordSize(timestamp - baseTimestamp, RecordCount, keyIsNull ? -1 : key.Length,
            valueIsNull ? -1 : value.Length, headerCount, headersSize, out var bodySize);
        if (RecordCount > 0 && _written + size > _sizeLimit)
        {
            return false;
        }

        if (_buffer.Length - _written < size)
        {
            Grow(size);
        }

        var span = _buffer.AsSpan(_written, size);
        var p = RecordEncoding.WriteVarint(span, bodySize);
        span[p++] = 0;
        p += RecordEncoding.WriteVarlong(span[p..], timestamp - baseTimestamp);
        p += RecordEncoding.WriteVarint(span[p..], RecordCount);
        p += RecordEncoding.WriteVarint(span[p..], keyIsNull ? -1 : key.Length);
        key.CopyTo(span[p..]);
        p += keyIsNull ? 0 : key.Length;
        p += RecordEncoding.WriteVarint(span[p..], valueIsNull ? -1 : value.Length);
        value.CopyTo(span[p..]);
        p += valueIsNull ? 0 : value.Length;
        p += RecordEncoding.WriteVarint(span[p..], headerCount);
        RecordEncoding.WriteHeaders(span[p..], headers);

        if (callback is not null)
        {
            AddThunk(new RecordThunk(RecordCount, timestamp, callback, message));
        }

        _written += size;
        _baseTimestamp = baseTimestamp;
        _maxTimestamp = Math.Max(_maxTimestamp, timestamp);
        RecordCount++;
        return true;
    }

    public void Close() => IsClosed = true;

    /// <summary>Writes the 61-byte header (compressing the records first if asked); once per batch.</summary>
    public void Build(CompressionType compression, int level)
    {
        if (IsBuilt)
        {
            return;
        }

        _compression = compression;
        Span<byte> batch;
        if (compression == CompressionType.None)
        {
            batch = _buffer.AsSpan(0, _written);
        }
        else
        {
            _compressed = new PooledBufferWriter(RecordBatchHeader.Size + (_written / 2));
            _compressed.GetSpan(RecordBatchHeader.Size);
            _compressed.Advance(RecordBatchHeader.Size);
            CompressionCodecs.Compress(compression, _buffer.AsSpan(RecordBatchHeader.Size, _written - RecordBatchHeader.Size), _compressed, level);
            batch = _compressed.WrittenSpan;
        }

        BinaryPrimitives.WriteInt64BigEndian(batch, 0);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.BatchLengthOffset..], batch.Length - RecordBatchHeader.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.PartitionLeaderEpochOffset..], -1);
        batch[RecordBatchHeader.MagicOffset] = 2;
        BinaryPrimitives.WriteInt16BigEndian(batch[RecordBatchHeader.AttributesOffset..], (short)compression);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.LastOffsetDeltaOffset..], RecordCount - 1);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.BaseTimestampOffset..], _baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.MaxTimestampOffset..], _maxTimestamp);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.RecordsCountOffset..], RecordCount);
        WriteProducerFields(batch);
        _built = compression == CompressionType.None ? _buffer.AsMemory(0, _written) : _compressed!.WrittenMemory;
    }

    /// <summary>Stamps producer id, epoch and base sequence (idempotence); rewrites the CRC when already built.</summary>
    public void SetProducerState(long producerId, short epoch, int baseSequence)
    {
        ProducerId = producerId;
        ProducerEpoch = epoch;
        BaseSequence = baseSequence;
        if (IsBuilt)
        {
            WriteProducerFields(WritableBatch());
        }
    }

    /// <summary>Forgets the sequence (after an epoch bump the batch is stamped again when next drained).</summary>
    public void ClearSequence() => SetProducerState(-1, -1, -1);

    /// <summary>Tells every record's callback the outcome. Offsets are base + index; -1 stays -1.</summary>
    public void Complete(IDeliveryHandler handler, long baseOffset, long logAppendTime, KafkaError error, PersistenceStatus status)
    {
        var thunks = _thunks;
        for (var i = 0; i < _thunkCount; i++)
        {
            ref readonly var t = ref thunks![i];
            var offset = baseOffset < 0 || error.IsError ? -1 : baseOffset + t.Index;
            var (ts, type) = logAppendTime >= 0 ? (logAppendTime, TimestampType.LogAppendTime) : (t.Timestamp, TimestampType.CreateTime);
            handler.Deliver(t, TopicPartition.Topic, TopicPartition.Partition, offset, ts, type, error, status);
        }
    }

    /// <summary>Returns the buffers (and the reservation) once the batch is done.</summary>
    public void Release(BufferMemory memory)
    {
        var buffer = _buffer;
        _buffer = [];
        _built = default;
        if (buffer.Length > 0)
        {
            memory.Release(_grown ? null : buffer, ReservedBytes);
            if (_grown)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        _compressed?.Dispose();
        _compressed = null;
        if (_thunks is { } t)
        {
            _thunks = null;
            ArrayPool<RecordThunk>.Shared.Return(t, clearArray: true);
        }
    }

    private Span<byte> WritableBatch() =>
        _compression == CompressionType.None ? _buffer.AsSpan(0, _written) : _compressed!.WrittenSpan;

    private void WriteProducerFields(Span<byte> batch)
    {
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.ProducerIdOffset..], ProducerId);
        BinaryPrimitives.WriteInt16BigEndian(batch[RecordBatchHeader.ProducerEpochOffset..], ProducerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.BaseSequenceOffset..], BaseSequence);
        RecordBatchHeader.UpdateCrc(batch);
    }

    private void AddThunk(in RecordThunk thunk)
    {
        if (_thunks is null || _thunkCount == _thunks.Length)
        {
            var bigger = ArrayPool<RecordThunk>.Shared.Rent(Math.Max(16, _thunkCount * 2));
            if (_thunks is not null)
            {
                _thunks.AsSpan(0, _thunkCount).CopyTo(bigger);
                ArrayPool<RecordThunk>.Shared.Return(_thunks, clearArray: true);
            }

            _thunks = bigger;
        }

        _thunks[_thunkCount++] = thunk;
    }

    private void Grow(int needed)
    {
        // A safety net: the accumulator sizes every buffer for its first record and refuses records
        // past batch.size, so this should not happen. The original buffer (owned by BufferMemory)
        // is dropped; the bigger one is rented and returned to the array pool on release.
        var bigger = ArrayPool<byte>.Shared.Rent(_written + needed);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_grown)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
        _grown = true;
    }
}
