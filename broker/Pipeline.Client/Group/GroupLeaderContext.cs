namespace Pipeline.Client.Group;

/// <summary>What the leader gets to compute an assignment: its own generation, the chosen protocol and every member.</summary>
public sealed record GroupLeaderContext(GroupGeneration Generation, string ProtocolName, IReadOnlyList<GroupMemberMetadata> Members);
