using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Admin;

/// <summary>The outcome of an operation on one topic (DeleteTopics, CreatePartitions).</summary>
public sealed record TopicReport(string Topic, KafkaError Error, Uuid TopicId = default) : IAdminResult;
