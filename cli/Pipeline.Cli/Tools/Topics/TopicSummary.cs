namespace Pipeline.Cli.Tools.Topics;

/// <summary>A row of <c>topics list</c> (JSON: name, topic_id, partitions, replication_factor, internal).</summary>
public sealed record TopicSummary(string Name, string TopicId, int Partitions, int ReplicationFactor, bool Internal);
