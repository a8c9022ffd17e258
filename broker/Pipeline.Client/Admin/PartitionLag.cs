using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// A group's lag on one partition: log end offset minus committed offset (as kafka-consumer-groups
/// prints it). <see cref="Lag"/> is null when the group has no committed offset there.
/// </summary>
public sealed record PartitionLag(TopicPartition TopicPartition, long CommittedOffset, long LogEndOffset, long? Lag);
