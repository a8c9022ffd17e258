namespace Pipeline.Cli.Tools.Topics;

/// <summary>A topic of <c>topics describe</c>: its overridden configs and its partitions.</summary>
public sealed record TopicDetails(
    string Name,
    string TopicId,
    bool Internal,
    int ReplicationFactor,
    IReadOnlyDictionary<string, string?> Configs,
    IReadOnlyList<PartitionDetails> Partitions);
