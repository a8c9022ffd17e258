namespace Pipeline.Cli.Tools.Groups;

/// <summary>A partition of <c>groups reset-offsets</c> (JSON: group, topic, partition, current_offset, new_offset); current_offset is null when nothing was committed.</summary>
public sealed record OffsetResetRow(string Group, string Topic, int Partition, long? CurrentOffset, long NewOffset);
