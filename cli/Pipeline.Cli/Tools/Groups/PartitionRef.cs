namespace Pipeline.Cli.Tools.Groups;

/// <summary>A topic partition in JSON output (topic, partition).</summary>
public sealed record PartitionRef(string Topic, int Partition);
