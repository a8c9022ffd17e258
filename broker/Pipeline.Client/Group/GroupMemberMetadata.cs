namespace Pipeline.Client.Group;

/// <summary>A member as the leader sees it in the JoinGroup response: its ids and its metadata for the chosen protocol.</summary>
public sealed record GroupMemberMetadata(string MemberId, string? GroupInstanceId, byte[] Metadata);
