namespace Pipeline.Broker.Coordinators.Group;

/// <summary>A committed offset as the coordinator holds it (Kafka's OffsetAndMetadata).</summary>
/// <param name="RecordOffset">Offset of the record in <c>__consumer_offsets</c> that stored it.</param>
/// <param name="LeaderEpoch">-1 when the client sent none.</param>
/// <param name="ExpireTimestampMs">-1 unless the commit carried a retention time (OffsetCommit v2-v4).</param>
public sealed record OffsetAndMetadata(
    long RecordOffset,
    long CommittedOffset,
    int LeaderEpoch,
    string Metadata,
    long CommitTimestampMs,
    long ExpireTimestampMs);
