namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>A classic group's stored generation; <see cref="Value"/> null is its tombstone (group deleted).</summary>
public sealed record GroupMetadataRecord(GroupMetadataKey Key, GroupMetadataValue? Value) : GroupCoordinatorRecord;
