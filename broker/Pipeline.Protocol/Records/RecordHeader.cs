namespace Pipeline.Protocol.Records;

/// <summary>A header to write with <see cref="RecordBatchBuilder"/>: a key (written as UTF-8) and a value that may be null.</summary>
public readonly record struct RecordHeader(string Key, byte[]? Value);
