using System.Buffers.Binary;

namespace Pipeline.Protocol.Records;

/// <summary>
/// Splits concatenated batches (a records field, a segment read, a fetch response) into single
/// batches, any magic: each starts with <c>baseOffset int64 | batchLength int32</c>. An
/// incomplete batch at the end ends the iteration without error, as Kafka's reader does (fetch
/// responses are cut off at the size limit); <see cref="ValidBytes"/> says how far the complete
/// batches reach. A length too small to hold even a legacy message throws.
/// </summary>
public ref struct RecordBatchIterator
{
    /// <summary>Smallest batchLength of any magic: a magic 0 message without key and value.</summary>
    public const int MinimumBatchLength = 14;

    private readonly ReadOnlySpan<byte> _data;
    private int _next;
    private ReadOnlySpan<byte> _current;

    public RecordBatchIterator(ReadOnlySpan<byte> data)
    {
        _data = data;
        _next = 0;
        _current = default;
        Position = -1;
    }

    /// <summary>The current batch, from its base offset to its last byte.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Where the current batch starts in the data.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes covered by the complete batches returned so far.</summary>
    public readonly int ValidBytes => _next;

    public readonly RecordBatchIterator GetEnumerator() => this;

    public bool MoveNext()
    {
        var rest = _data[_next..];
        if (rest.Length < RecordBatchHeader.LogOverhead)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(rest[RecordBatchHeader.BatchLengthOffset..]);
        if (length < MinimumBatchLength)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, $"record batch at byte {_next} has length {length}, below the minimum of {MinimumBatchLength}");
        }

        if (length > rest.Length - RecordBatchHeader.LogOverhead)
        {
            return false;
        }

        var size = length + RecordBatchHeader.LogOverhead;
        _current = rest[..size];
        Position = _next;
        _next += size;
        return true;
    }
}
