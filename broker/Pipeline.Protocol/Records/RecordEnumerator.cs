namespace Pipeline.Protocol.Records;

/// <summary>
/// Walks the records of one v2 batch (usable directly in <c>foreach</c>); allocation-free.
/// Throws <see cref="CorruptRecordException"/> when a record does not parse or the count in the
/// header disagrees with the records present.
/// </summary>
public ref struct RecordEnumerator
{
    private readonly ReadOnlySpan<byte> _section;
    private readonly long _baseOffset;
    private readonly long _baseTimestamp;
    private readonly long _maxTimestamp;
    private readonly bool _logAppendTime;
    private readonly bool _isControl;
    private readonly int _count;
    private int _index;
    private int _position;
    private RecordView _current;

    internal RecordEnumerator(ReadOnlySpan<byte> section, RecordBatchHeader header)
    {
        _section = section;
        _baseOffset = header.BaseOffset;
        _baseTimestamp = header.BaseTimestamp;
        _maxTimestamp = header.MaxTimestamp;
        _logAppendTime = header.IsLogAppendTime;
        _isControl = header.IsControl;
        _count = header.RecordsCount;
        _index = 0;
        _position = 0;
        _current = default;
    }

    /// <summary>The records count from the batch header.</summary>
    public readonly int Count => _count;

    public readonly RecordView Current => _current;

    public readonly RecordEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_index >= _count)
        {
            if (_position != _section.Length)
            {
                throw new CorruptRecordException(
                    ErrorCode.InvalidRecord,
                    $"batch declares {_count} record(s) but {_section.Length - _position} byte(s) remain after them");
            }

            return false;
        }

        if (_position >= _section.Length)
        {
            throw new CorruptRecordException(ErrorCode.InvalidRecord, $"batch declares {_count} record(s) but holds only {_index}");
        }

        var error = RecordView.TryParse(_section, ref _position, out var record);
        if (error != RecordParseError.None)
        {
            throw new CorruptRecordException(ErrorCode.InvalidRecord, $"record {_index}: {RecordParseErrors.Describe(error)}");
        }

        _current = record.InBatch(_baseOffset, _baseTimestamp, _logAppendTime, _maxTimestamp, _isControl);
        _index++;
        return true;
    }
}
