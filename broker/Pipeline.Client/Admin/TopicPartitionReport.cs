using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

public sealed record TopicPartitionReport(TopicPartition TopicPartition, KafkaError Error) : IAdminResult;
