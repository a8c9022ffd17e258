using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Admin;

public sealed record TopicDescription(string Name, Uuid TopicId, bool IsInternal, IReadOnlyList<TopicPartitionInfo> Partitions, KafkaError Error) : IAdminResult;
