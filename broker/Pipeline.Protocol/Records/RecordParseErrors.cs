namespace Pipeline.Protocol.Records;

internal static class RecordParseErrors
{
    public static string Describe(RecordParseError error) => error switch
    {
        RecordParseError.Truncated => "record runs past the end of the batch",
        RecordParseError.NegativeLength => "record has a negative length",
        RecordParseError.MalformedVarint => "record contains a truncated or over-long varint",
        RecordParseError.InvalidKeyLength => "record has an invalid key length",
        RecordParseError.InvalidValueLength => "record has an invalid value length",
        RecordParseError.InvalidHeaderCount => "record has an invalid number of headers",
        RecordParseError.InvalidHeaderKeyLength => "record header has a null or invalid key length",
        RecordParseError.InvalidHeaderValueLength => "record header has an invalid value length",
        RecordParseError.SizeMismatch => "record length does not match the fields it contains",
        _ => "record is valid",
    };
}
