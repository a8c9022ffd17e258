using Pipeline.Protocol.Records;

namespace Pipeline.Testing.Kafka;

/// <summary>A batch read by <see cref="TestRecordBatch.Decode(ReadOnlySpan{byte}, out int)"/>: its header fields and,
/// when it is uncompressed and its CRC is right, its records.</summary>
public sealed record DecodedBatch(
    int Position,
    long BaseOffset,
    int LastOffsetDelta,
    int TotalSize,
    sbyte Magic,
    short Attributes,
    int RecordCount,
    long ProducerId,
    short ProducerEpoch,
    int BaseSequence,
    bool CrcValid,
    IReadOnlyList<TestRecord>? Records)
{
    public long LastOffset => BaseOffset + LastOffsetDelta;

    public long NextOffset => LastOffset + 1;

    public CompressionType Compression => (CompressionType)(Attributes & 0x07);
}
