using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Pipeline.Protocol.Compression;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Builds one v2 record batch: records are encoded as they are appended into a pooled buffer;
/// <see cref="Build"/> compresses them if asked, writes the 61-byte header and the CRC-32C.
/// For tests, internal topics, the CLI, legacy conversion and compaction (which re-appends
/// surviving records with <see cref="Append(RecordView)"/> and keeps the batch's offset span with
/// <see cref="LastOffsetDeltaOverride"/>). Reuse an instance with <see cref="Reset"/>.
/// <para>
/// Rules kept from Kafka's MemoryRecordsBuilder: offsets strictly increase; a timestamp is
/// &gt;= 0 or -1 (none); the base timestamp is the first record's (or the delete horizon when one
/// is set), and deltas are relative to it; a control batch holds only control records; an empty
/// batch is written uncompressed with base and max timestamp -1.
/// </para>
/// </summary>
public sealed class RecordBatchBuilder : IDisposable
{
    private const long NoTimestamp = -1;

    private readonly PooledBufferWriter _records = new();
    private readonly PooledBufferWriter _compressed = new();
    private long _baseTimestamp;
    private long _maxTimestamp;
    private long _lastOffset;
    private int _count;
    private bool _hasControl;

    public RecordBatchBuilder() => Reset();

    public long BaseOffset { get; set; }

    public int PartitionLeaderEpoch { get; set; }

    public long ProducerId { get; set; }

    public short ProducerEpoch { get; set; }

    public int BaseSequence { get; set; }

    public bool IsTransactional { get; set; }

    public CompressionType Compression { get; set; }

    public int CompressionLevel { get; set; }

    public SnappyFraming SnappyFraming { get; set; }

    /// <summary>LogAppendTime sets attributes bit 3 and writes <see cref="LogAppendTime"/> as the max timestamp.</summary>
    public TimestampType TimestampType { get; set; }

    public long LogAppendTime { get; set; }

    /// <summary>When &gt;= 0, attributes bit 6 is set and this becomes the base timestamp (set before the first append).</summary>
    public long DeleteHorizonMs { get; set; }

    /// <summary>Keeps a batch's lastOffsetDelta when compaction removed its last records (must cover the records).</summary>
    public int? LastOffsetDeltaOverride { get; set; }

    public int Count => _count;

    public bool IsControl => _hasControl;

    /// <summary>Bytes of the encoded records so far (before compression).</summary>
    public int UncompressedRecordsSize => _records.WrittenCount;

    public void Reset()
    {
        _records.Reset();
        _compressed.Reset();
        _count = 0;
        _hasControl = false;
        _baseTimestamp = NoTimestamp;
        _maxTimestamp = NoTimestamp;
        _lastOffset = -1;
        BaseOffset = 0;
        PartitionLeaderEpoch = -1;
        ProducerId = -1;
        ProducerEpoch = -1;
        BaseSequence = -1;
        IsTransactional = false;
        Compression = CompressionType.None;
        CompressionLevel = CompressionCodecs.DefaultLevel;
        SnappyFraming = SnappyFraming.Raw;
        TimestampType = TimestampType.CreateTime;
        LogAppendTime = NoTimestamp;
        DeleteHorizonMs = NoTimestamp;
        LastOffsetDeltaOverride = null;
    }

    public void Dispose()
    {
        _records.Dispose();
        _compressed.Dispose();
    }

    /// <summary>Appends at the next offset. Null key or value: pass <c>null</c>.</summary>
    public void Append(long timestamp, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers = null) =>
        AppendWithOffset(NextOffset, timestamp, key, value, headers);

    public void AppendWithOffset(long offset, long timestamp, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers = null)
    {
        var headerBytes = 0;
        for (var i = 0; i < (headers?.Count ?? 0); i++)
        {
            headerBytes += HeaderSize(headers![i]);
        }

        WriteRecord(offset, timestamp, key, key is null, value, value is null, headers?.Count ?? 0, headerBytes, isControl: false);
        var span = _records.GetSpan(headerBytes);
        var p = 0;
        for (var i = 0; i < (headers?.Count ?? 0); i++)
        {
            p += WriteHeader(span[p..], headers![i]);
        }

        _records.Advance(p);
    }

    /// <summary>Span form for callers holding pooled bytes; headers come already encoded (see <see cref="RecordView"/>) or not at all.</summary>
    public void Append(long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull) =>
        WriteRecord(NextOffset, timestamp, key, keyIsNull, value, valueIsNull, 0, 0, isControl: false);

    /// <summary>Re-appends a record read from another batch with its own offset and timestamp (compaction).</summary>
    public void Append(RecordView record)
    {
        var headers = record.HeadersBytes;
        WriteRecord(record.Offset, record.Timestamp, record.Key, record.KeyIsNull, record.Value, record.ValueIsNull,
            record.HeaderCount, headers.Length, isControl: record.IsControl);
        _records.Write(headers);
    }

    /// <summary>A transaction marker (ABORT or COMMIT): key = version 0 + type, value = version 0 + coordinator epoch.</summary>
    public void AppendEndTransactionMarker(ControlRecordType type, int coordinatorEpoch, long timestamp)
    {
        if (type is not (ControlRecordType.Abort or ControlRecordType.Commit))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "an end transaction marker is ABORT or COMMIT");
        }

        Span<byte> value = stackalloc byte[ControlRecord.EndTransactionMarkerValueSize];
        ControlRecord.WriteEndTransactionMarker(value, coordinatorEpoch);
        AppendControlRecord(type, timestamp, value);
    }

    public void AppendControlRecord(ControlRecordType type, long timestamp, ReadOnlySpan<byte> value)
    {
        Span<byte> key = stackalloc byte[ControlRecord.KeySize];
        ControlRecord.WriteKey(key, type);
        WriteRecord(NextOffset, timestamp, key, false, value, false, 0, 0, isControl: true);
    }

    /// <summary>Writes the batch to <paramref name="destination"/>; returns its size. The builder keeps its records (call <see cref="Reset"/> to reuse).</summary>
    public int Build(IBufferWriter<byte> destination)
    {
        ReadOnlySpan<byte> payload = _records.WrittenSpan;
        var compression = _count == 0 ? CompressionType.None : Compression;
        if (compression != CompressionType.None)
        {
            _compressed.Reset();
            CompressionCodecs.Compress(compression, payload, _compressed, CompressionLevel, SnappyFraming);
            payload = _compressed.WrittenSpan;
        }

        var lastOffsetDelta = LastOffsetDeltaOverride ?? (_count == 0 ? 0 : checked((int)(_lastOffset - BaseOffset)));
        if (_count > 0 && lastOffsetDelta < _lastOffset - BaseOffset)
        {
            throw new InvalidOperationException($"lastOffsetDelta {lastOffsetDelta} does not cover the last record at delta {_lastOffset - BaseOffset}");
        }

        var size = RecordBatchHeader.Size + payload.Length;
        var batch = destination.GetSpan(size)[..size];
        BinaryPrimitives.WriteInt64BigEndian(batch, BaseOffset);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.BatchLengthOffset..], size - RecordBatchHeader.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.PartitionLeaderEpochOffset..], PartitionLeaderEpoch);
        batch[RecordBatchHeader.MagicOffset] = 2;
        BinaryPrimitives.WriteInt16BigEndian(batch[RecordBatchHeader.AttributesOffset..], Attributes(compression));
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.LastOffsetDeltaOffset..], lastOffsetDelta);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.BaseTimestampOffset..], DeleteHorizonMs >= 0 ? DeleteHorizonMs : _baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.MaxTimestampOffset..], TimestampType == TimestampType.LogAppendTime ? LogAppendTime : _maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[RecordBatchHeader.ProducerIdOffset..], ProducerId);
        BinaryPrimitives.WriteInt16BigEndian(batch[RecordBatchHeader.ProducerEpochOffset..], ProducerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.BaseSequenceOffset..], BaseSequence);
        BinaryPrimitives.WriteInt32BigEndian(batch[RecordBatchHeader.RecordsCountOffset..], _count);
        payload.CopyTo(batch[RecordBatchHeader.Size..]);
        RecordBatchHeader.UpdateCrc(batch);
        destination.Advance(size);
        return size;
    }

    public byte[] ToArray()
    {
        using var buffer = new PooledBufferWriter();
        Build(buffer);
        return buffer.ToArray();
    }

    private long NextOffset => _lastOffset < 0 ? BaseOffset : _lastOffset + 1;

    private short Attributes(CompressionType compression)
    {
        var a = (int)compression;
        if (TimestampType == TimestampType.LogAppendTime)
        {
            a |= RecordBatchHeader.TimestampTypeMask;
        }

        if (IsTransactional)
        {
            a |= RecordBatchHeader.TransactionalFlag;
        }

        if (_hasControl)
        {
            a |= RecordBatchHeader.ControlFlag;
        }

        if (DeleteHorizonMs >= 0)
        {
            a |= RecordBatchHeader.DeleteHorizonFlag;
        }

        return (short)a;
    }

    private void WriteRecord(
        long offset, long timestamp, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull,
        int headerCount, int headerBytes, bool isControl)
    {
        if (offset < BaseOffset || offset <= _lastOffset || offset - BaseOffset > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"offsets must increase from the base offset {BaseOffset} (last {_lastOffset})");
        }

        if (timestamp < 0 && timestamp != NoTimestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "a timestamp is >= 0, or -1 for none");
        }

        if (_count > 0 && isControl != _hasControl)
        {
            throw new InvalidOperationException("a control batch holds only control records");
        }

        if (_count == 0)
        {
            _hasControl = isControl;
            _baseTimestamp = DeleteHorizonMs >= 0 ? DeleteHorizonMs : timestamp;
        }

        var timestampDelta = timestamp - _baseTimestamp;
        var offsetDelta = (int)(offset - BaseOffset);
        var keyLength = keyIsNull ? -1 : key.Length;
        var valueLength = valueIsNull ? -1 : value.Length;
        var bodySize = 1 + RecordVarint.SizeOfVarlong(timestampDelta) + RecordVarint.SizeOfVarint(offsetDelta) +
            RecordVarint.SizeOfVarint(keyLength) + Math.Max(keyLength, 0) +
            RecordVarint.SizeOfVarint(valueLength) + Math.Max(valueLength, 0) +
            RecordVarint.SizeOfVarint(headerCount) + headerBytes;

        // Everything but the header bytes, which the caller appends right after.
        var prefixSize = RecordVarint.SizeOfVarint(bodySize) + bodySize - headerBytes;
        var span = _records.GetSpan(prefixSize);
        var p = RecordVarint.WriteVarint(span, bodySize);
        span[p++] = 0;
        p += RecordVarint.WriteVarlong(span[p..], timestampDelta);
        p += RecordVarint.WriteVarint(span[p..], offsetDelta);
        p += RecordVarint.WriteVarint(span[p..], keyLength);
        key.CopyTo(span[p..]);
        p += Math.Max(keyLength, 0);
        p += RecordVarint.WriteVarint(span[p..], valueLength);
        value.CopyTo(span[p..]);
        p += Math.Max(valueLength, 0);
        p += RecordVarint.WriteVarint(span[p..], headerCount);
        _records.Advance(p);

        _count++;
        _lastOffset = offset;
        if (timestamp > _maxTimestamp)
        {
            _maxTimestamp = timestamp;
        }
    }

    private static int HeaderSize(RecordHeader header)
    {
        var keyLength = Encoding.UTF8.GetByteCount(header.Key);
        var valueLength = header.Value?.Length ?? -1;
        return RecordVarint.SizeOfVarint(keyLength) + keyLength + RecordVarint.SizeOfVarint(valueLength) + Math.Max(valueLength, 0);
    }

    private static int WriteHeader(Span<byte> span, RecordHeader header)
    {
        var keyLength = Encoding.UTF8.GetByteCount(header.Key);
        var p = RecordVarint.WriteVarint(span, keyLength);
        p += Encoding.UTF8.GetBytes(header.Key, span[p..]);
        var valueLength = header.Value?.Length ?? -1;
        p += RecordVarint.WriteVarint(span[p..], valueLength);
        header.Value.AsSpan().CopyTo(span[p..]);
        return p + Math.Max(valueLength, 0);
    }
}
