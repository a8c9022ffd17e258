using Pipeline.Broker.Coordinators.Group.Records;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>Builds the records the group coordinator writes (Kafka's GroupCoordinatorRecordHelpers).</summary>
public static class GroupRecords
{
    /// <summary>A generation as stored: every member with its subscription for the chosen protocol and its assignment.</summary>
    public static GroupMetadataRecord GroupMetadata(ClassicGroup group, IReadOnlyDictionary<string, byte[]> assignment)
    {
        var members = new List<GroupMetadataValue.MemberMetadata>(group.MemberCount);
        foreach (var m in group.Members)
        {
            var protocol = group.ProtocolName ?? throw new InvalidOperationException($"Group {group.GroupId} has members but no protocol.");
            members.Add(new GroupMetadataValue.MemberMetadata
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                ClientId = m.ClientId,
                ClientHost = m.ClientHost,
                RebalanceTimeout = m.RebalanceTimeoutMs,
                SessionTimeout = m.SessionTimeoutMs,
                Subscription = m.Metadata(protocol),
                Assignment = assignment.TryGetValue(m.MemberId, out var a) ? a : [],
            });
        }

        return GroupCoordinatorRecord.GroupMetadata(group.GroupId, new GroupMetadataValue
        {
            ProtocolType = group.ProtocolType ?? string.Empty,
            Generation = group.GenerationId,
            Protocol = group.ProtocolName,
            Leader = group.LeaderId,
            CurrentStateTimestamp = group.CurrentStateTimestamp,
            Members = members,
        });
    }

    /// <summary>The record of a group just created by a JoinGroup (generation 0, nobody yet).</summary>
    public static GroupMetadataRecord EmptyGroup(ClassicGroup group) =>
        GroupCoordinatorRecord.GroupMetadata(group.GroupId, new GroupMetadataValue
        {
            ProtocolType = string.Empty,
            Generation = 0,
            CurrentStateTimestamp = group.CurrentStateTimestamp,
        });

    public static OffsetCommitRecord OffsetCommit(string groupId, string topic, int partition, OffsetAndMetadata offset) =>
        GroupCoordinatorRecord.OffsetCommit(groupId, topic, partition, new OffsetCommitValue(
            offset.CommittedOffset,
            offset.LeaderEpoch,
            offset.Metadata,
            offset.CommitTimestampMs,
            offset.ExpireTimestampMs));

    public static OffsetCommitRecord OffsetTombstone(string groupId, string topic, int partition) =>
        GroupCoordinatorRecord.OffsetCommit(groupId, topic, partition, null);

    public static GroupMetadataRecord GroupTombstone(string groupId) => GroupCoordinatorRecord.GroupMetadata(groupId, null);
}
