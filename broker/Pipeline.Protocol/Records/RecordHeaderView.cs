namespace Pipeline.Protocol.Records;

/// <summary>One record header: a UTF-8 key (never null) and a value that may be null.</summary>
public readonly ref struct RecordHeaderView
{
    public RecordHeaderView(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool valueIsNull)
    {
        Key = key;
        Value = value;
        ValueIsNull = valueIsNull;
    }

    public ReadOnlySpan<byte> Key { get; }

    public ReadOnlySpan<byte> Value { get; }

    public bool ValueIsNull { get; }
}
