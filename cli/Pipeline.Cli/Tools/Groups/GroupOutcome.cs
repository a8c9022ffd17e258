namespace Pipeline.Cli.Tools.Groups;

/// <summary>What delete and delete-offsets did (JSON: group, topic, partition, result = deleted|failed, error); topic and partition are null for a whole group.</summary>
public sealed record GroupOutcome(string Group, string? Topic, int? Partition, string Result, string? Error);
