namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// One record of <c>__consumer_offsets</c> as the group coordinator sees it: an offset commit or a
/// group's metadata, each with a null value for a tombstone.
/// </summary>
public abstract record GroupCoordinatorRecord
{
    public static OffsetCommitRecord OffsetCommit(string group, string topic, int partition, OffsetCommitValue? value) =>
        new(new OffsetCommitKey(group, topic, partition), value);

    public static GroupMetadataRecord GroupMetadata(string group, GroupMetadataValue? value) =>
        new(new GroupMetadataKey(group), value);
}
