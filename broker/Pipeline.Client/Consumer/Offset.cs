namespace Pipeline.Client.Consumer;

/// <summary>
/// Special offsets understood by <c>Assign</c>, <c>Seek</c> and the assigned-partitions handler,
/// with librdkafka's (and Confluent.Kafka's) values.
/// </summary>
public static class Offset
{
    /// <summary>The log start of the partition.</summary>
    public const long Beginning = -2;

    /// <summary>The log end of the partition (only records written from now on).</summary>
    public const long End = -1;

    /// <summary>The committed offset of the group (auto.offset.reset when there is none).</summary>
    public const long Stored = -1000;

    /// <summary>No offset given or known: for a newly assigned partition, the same as <see cref="Stored"/>.</summary>
    public const long Unset = -1001;

    public static bool IsSpecial(long offset) => offset < 0;
}
