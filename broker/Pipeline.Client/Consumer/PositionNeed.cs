namespace Pipeline.Client.Consumer;

/// <summary>What a partition's position waits for before it can be fetched.</summary>
internal enum PositionNeed
{
    /// <summary>The position is known.</summary>
    None,

    /// <summary>The group's committed offset (OffsetFetch); auto.offset.reset when there is none.</summary>
    Committed,

    /// <summary>A ListOffsets by <see cref="PartitionState.ResetStrategy"/> (earliest or latest).</summary>
    Reset,
}
