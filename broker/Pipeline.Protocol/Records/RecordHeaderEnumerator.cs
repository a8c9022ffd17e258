namespace Pipeline.Protocol.Records;

/// <summary>
/// Walks the headers of one record (usable directly in <c>foreach</c>). The headers were
/// checked when the record was parsed, so a failure here means the bytes changed underneath.
/// </summary>
public ref struct RecordHeaderEnumerator
{
    private readonly ReadOnlySpan<byte> _headers;
    private readonly int _count;
    private int _index;
    private int _position;
    private RecordHeaderView _current;

    internal RecordHeaderEnumerator(ReadOnlySpan<byte> headers, int count)
    {
        _headers = headers;
        _count = count;
        _index = 0;
        _position = 0;
        _current = default;
    }

    public readonly int Count => _count;

    public readonly RecordHeaderView Current => _current;

    public readonly RecordHeaderEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_index >= _count)
        {
            return false;
        }

        if (RecordView.ReadBytes(_headers, ref _position, RecordParseError.InvalidHeaderKeyLength, out var key, out var keyIsNull) != RecordParseError.None ||
            keyIsNull ||
            RecordView.ReadBytes(_headers, ref _position, RecordParseError.InvalidHeaderValueLength, out var value, out var valueIsNull) != RecordParseError.None)
        {
            throw new CorruptRecordException(ErrorCode.CorruptMessage, "record header does not parse");
        }

        _current = new RecordHeaderView(key, value, valueIsNull);
        _index++;
        return true;
    }
}
