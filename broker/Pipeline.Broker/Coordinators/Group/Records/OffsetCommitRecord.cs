namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>A committed offset; <see cref="Value"/> null is its tombstone.</summary>
public sealed record OffsetCommitRecord(OffsetCommitKey Key, OffsetCommitValue? Value) : GroupCoordinatorRecord;
