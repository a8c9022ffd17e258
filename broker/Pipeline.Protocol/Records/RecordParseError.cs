namespace Pipeline.Protocol.Records;

/// <summary>Why a record inside a batch did not parse (all map to INVALID_RECORD, as Kafka's DefaultRecord.readFrom).</summary>
internal enum RecordParseError
{
    None,
    Truncated,
    NegativeLength,
    MalformedVarint,
    InvalidKeyLength,
    InvalidValueLength,
    InvalidHeaderCount,
    InvalidHeaderKeyLength,
    InvalidHeaderValueLength,
    SizeMismatch,
}
