using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>A group's committed offset for a partition (-1 when none), with its leader epoch and metadata string.</summary>
public sealed record CommittedOffset(TopicPartition TopicPartition, long Offset, int LeaderEpoch, string? Metadata, KafkaError Error) : IAdminResult;
