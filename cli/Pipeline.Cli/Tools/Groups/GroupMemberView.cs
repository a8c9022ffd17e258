namespace Pipeline.Cli.Tools.Groups;

/// <summary>A member of <c>groups describe</c> (JSON: member_id, group_instance_id, client_id, host, assignment).</summary>
public sealed record GroupMemberView(string MemberId, string? GroupInstanceId, string ClientId, string Host, IReadOnlyList<PartitionRef> Assignment);
