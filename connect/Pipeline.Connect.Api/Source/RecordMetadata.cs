namespace Pipeline.Connect.Api.Source;

/// <summary>Where a source record was written.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="Timestamp">The record's timestamp.</param>
public sealed record RecordMetadata(string Topic, int Partition, long Offset, long Timestamp);
