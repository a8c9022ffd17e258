using System.Buffers.Binary;

namespace Pipeline.Protocol.Records;

/// <summary>
/// A read-only view over the 61-byte header of a record batch v2 (magic 2). Byte layout
/// (big-endian), from Kafka's DefaultRecordBatch:
/// <code>
///  0 baseOffset int64        27 baseTimestamp int64
///  8 batchLength int32       35 maxTimestamp int64
/// 12 partitionLeaderEpoch    43 producerId int64
/// 16 magic int8              51 producerEpoch int16
/// 17 crc uint32 (CRC-32C of  53 baseSequence int32
///    bytes 21..end)          57 recordsCount int32
/// 21 attributes int16        61 records...
/// 23 lastOffsetDelta int32
/// </code>
/// </summary>
public readonly ref struct RecordBatchHeader
{
    public const int Size = 61;

    /// <summary>baseOffset + batchLength: the part of a batch that precedes the length-counted bytes.</summary>
    public const int LogOverhead = 12;

    public const int BaseOffsetOffset = 0;
    public const int BatchLengthOffset = 8;
    public const int PartitionLeaderEpochOffset = 12;
    public const int MagicOffset = 16;
    public const int CrcOffset = 17;
    public const int AttributesOffset = 21;
    public const int LastOffsetDeltaOffset = 23;
    public const int BaseTimestampOffset = 27;
    public const int MaxTimestampOffset = 35;
    public const int ProducerIdOffset = 43;
    public const int ProducerEpochOffset = 51;
    public const int BaseSequenceOffset = 53;
    public const int RecordsCountOffset = 57;

    public const short CompressionMask = 0x07;
    public const short TimestampTypeMask = 0x08;
    public const short TransactionalFlag = 0x10;
    public const short ControlFlag = 0x20;
    public const short DeleteHorizonFlag = 0x40;

    private readonly ReadOnlySpan<byte> _b;

    public RecordBatchHeader(ReadOnlySpan<byte> batch) => _b = batch[..Size];

    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(_b);

    public int BatchLength => BinaryPrimitives.ReadInt32BigEndian(_b[BatchLengthOffset..]);

    /// <summary>Size of the whole batch including the 12-byte log overhead.</summary>
    public int TotalSize => BatchLength + LogOverhead;

    public int PartitionLeaderEpoch => BinaryPrimitives.ReadInt32BigEndian(_b[PartitionLeaderEpochOffset..]);

    public sbyte Magic => (sbyte)_b[MagicOffset];

    public uint Crc => BinaryPrimitives.ReadUInt32BigEndian(_b[CrcOffset..]);

    public short Attributes => BinaryPrimitives.ReadInt16BigEndian(_b[AttributesOffset..]);

    public CompressionType Compression => (CompressionType)(Attributes & CompressionMask);

    public bool IsLogAppendTime => (Attributes & TimestampTypeMask) != 0;

    public bool IsTransactional => (Attributes & TransactionalFlag) != 0;

    public bool IsControl => (Attributes & ControlFlag) != 0;

    public bool HasDeleteHorizon => (Attributes & DeleteHorizonFlag) != 0;

    public int LastOffsetDelta => BinaryPrimitives.ReadInt32BigEndian(_b[LastOffsetDeltaOffset..]);

    public long LastOffset => BaseOffset + LastOffsetDelta;

    /// <summary>The offset after this batch.</summary>
    public long NextOffset => BaseOffset + LastOffsetDelta + 1;

    public long BaseTimestamp => BinaryPrimitives.ReadInt64BigEndian(_b[BaseTimestampOffset..]);

    public long MaxTimestamp => BinaryPrimitives.ReadInt64BigEndian(_b[MaxTimestampOffset..]);

    public long ProducerId => BinaryPrimitives.ReadInt64BigEndian(_b[ProducerIdOffset..]);

    public short ProducerEpoch => BinaryPrimitives.ReadInt16BigEndian(_b[ProducerEpochOffset..]);

    public int BaseSequence => BinaryPrimitives.ReadInt32BigEndian(_b[BaseSequenceOffset..]);

    /// <summary>Sequence of the last record, wrapping at int32 max as Kafka does.</summary>
    public int LastSequence => BaseSequence < 0 ? -1 : (int)(((long)BaseSequence + LastOffsetDelta) % ((long)int.MaxValue + 1));

    public int RecordsCount => BinaryPrimitives.ReadInt32BigEndian(_b[RecordsCountOffset..]);

    public bool HasProducerId => ProducerId >= 0;

    /// <summary>Computes the CRC-32C over <paramref name="batch"/>[21..] (the whole batch must be passed).</summary>
    public static uint ComputeCrc(ReadOnlySpan<byte> batch) => Crc32C.Compute(batch[AttributesOffset..]);

    /// <summary>True when the stored CRC matches the bytes (the whole batch must be passed).</summary>
    public static bool IsCrcValid(ReadOnlySpan<byte> batch) =>
        BinaryPrimitives.ReadUInt32BigEndian(batch[CrcOffset..]) == ComputeCrc(batch);

    public static void SetBaseOffset(Span<byte> batch, long baseOffset) =>
        BinaryPrimitives.WriteInt64BigEndian(batch, baseOffset);

    public static void SetPartitionLeaderEpoch(Span<byte> batch, int epoch) =>
        BinaryPrimitives.WriteInt32BigEndian(batch[PartitionLeaderEpochOffset..], epoch);

    /// <summary>Rewrites the stored CRC from the bytes (after changing attributes or timestamps).</summary>
    public static void UpdateCrc(Span<byte> batch) =>
        BinaryPrimitives.WriteUInt32BigEndian(batch[CrcOffset..], ComputeCrc(batch));
}
