using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>A ListOffsets answer: the offset (-1 when no record matches a timestamp) with its record's timestamp and leader epoch.</summary>
public sealed record ListOffsetsReport(TopicPartition TopicPartition, long Offset, long Timestamp, int LeaderEpoch, KafkaError Error) : IAdminResult;
