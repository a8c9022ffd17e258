namespace Pipeline.Cli.Tools.Groups;

/// <summary>
/// One partition of <c>groups describe</c>, as kafka-consumer-groups prints it (JSON: topic,
/// partition, current_offset, log_end_offset, lag, member_id, host, client_id). current_offset
/// and lag are null when the group committed nothing there; member fields null when unassigned.
/// </summary>
public sealed record GroupOffsetRow(string Topic, int Partition, long? CurrentOffset, long? LogEndOffset, long? Lag, string? MemberId, string? Host, string? ClientId);
