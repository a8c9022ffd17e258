using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>A group member; <see cref="Assignment"/> is decoded for "consumer" groups and empty otherwise.</summary>
public sealed record GroupMemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string Host, IReadOnlyList<TopicPartition> Assignment);
