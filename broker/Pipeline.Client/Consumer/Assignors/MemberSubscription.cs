using Pipeline.Protocol;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// One member's subscription as the group leader sees it (a decoded ConsumerProtocolSubscription):
/// its topics, the partitions it owns (cooperative members report them, v1+), the generation it
/// owned them in (v2+, -1 when unknown), its rack (v3+) and its assignor's user data.
/// </summary>
public sealed record MemberSubscription(
    string MemberId,
    string? GroupInstanceId,
    IReadOnlyList<string> Topics,
    IReadOnlyList<TopicPartition> OwnedPartitions,
    int Generation = -1,
    string? RackId = null,
    byte[]? UserData = null);
