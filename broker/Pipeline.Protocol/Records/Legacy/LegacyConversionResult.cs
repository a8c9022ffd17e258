namespace Pipeline.Protocol.Records.Legacy;

/// <summary>Outcome of <see cref="LegacyRecordConverter.Convert"/>: an error, or the shape of the v2 batch written.</summary>
public readonly record struct LegacyConversionResult(ErrorCode Error, string? ErrorMessage, sbyte Magic, int RecordCount, CompressionType Compression, int BatchSize)
{
    public static LegacyConversionResult Failed(ErrorCode error, string message) => new(error, message, -1, 0, CompressionType.None, 0);
}
