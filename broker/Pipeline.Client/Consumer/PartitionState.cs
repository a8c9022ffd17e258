using Pipeline.Client.Config;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// One assigned partition (Kafka's TopicPartitionState). Two offsets matter:
/// <see cref="Position"/>, the next offset the application gets (what a commit sends), and
/// <see cref="FetchOffset"/>, the next offset to fetch, which runs ahead of it by whatever is
/// buffered: the next fetch goes out while the application works through the previous one.
/// <see cref="Epoch"/> bumps whenever the position jumps (seek, reset, pause, revocation): fetches
/// and buffered records of an older epoch are dropped.
/// <para>Threads: every field is guarded by <see cref="SubscriptionState.Gate"/>.</para>
/// </summary>
internal sealed class PartitionState
{
    public PartitionState(TopicPartition topicPartition) => TopicPartition = topicPartition;

    public TopicPartition TopicPartition { get; }

    public bool Assigned { get; set; } = true;

    /// <summary>Next offset to return; -1 until looked up.</summary>
    public long Position { get; set; } = -1;

    public int PositionLeaderEpoch { get; set; } = -1;

    public PositionNeed Need { get; set; } = PositionNeed.Committed;

    /// <summary>Where a pending reset goes (Need == Reset).</summary>
    public AutoOffsetReset ResetStrategy { get; set; }

    public bool LookupInFlight { get; set; }

    public bool Paused { get; set; }

    public long FetchOffset { get; set; } = -1;

    public int Epoch { get; set; }

    public bool FetchInFlight { get; set; }

    /// <summary>Completed fetches of this partition waiting to be drained.</summary>
    public int Buffered { get; set; }

    /// <summary>Stopwatch timestamp before which no fetch or lookup is retried (after an error).</summary>
    public long NotBefore { get; set; }

    public long HighWatermark { get; set; } = -1;

    public long LastStableOffset { get; set; } = -1;

    public long LogStartOffset { get; set; } = -1;

    /// <summary>The offset the next <c>Commit()</c> sends (enable.auto.offset.store or StoreOffset); -1 for none.</summary>
    public long StoredOffset { get; set; } = -1;

    public int StoredLeaderEpoch { get; set; } = -1;

    public string? StoredMetadata { get; set; }

    /// <summary>The stored offset last committed successfully (auto-commit skips unchanged partitions).</summary>
    public long LastCommitted { get; set; } = -1;

    /// <summary>An error for the application (offset out of range with no reset policy, authorization); thrown once.</summary>
    public KafkaException? Error { get; set; }

    /// <summary>True once <see cref="Error"/> was thrown to the application (the partition stays stopped until a seek).</summary>
    public bool ErrorReported { get; set; }

    public bool EofReported { get; set; }

    /// <summary>Transient, during one drain pass: index of this partition's last record in the ready list (-1 for none).</summary>
    public int DrainLastIndex { get; set; } = -1;

    public bool HasValidPosition => Need == PositionNeed.None && Position >= 0;

    public bool IsFetchable => Assigned && HasValidPosition && !Paused && Error is null;

    /// <summary>Moves the position (seek, lookup, reset) and invalidates whatever was fetched for the old one.</summary>
    public void MoveTo(long offset, int leaderEpoch)
    {
        Position = offset;
        PositionLeaderEpoch = leaderEpoch;
        FetchOffset = offset;
        Need = PositionNeed.None;
        Error = null;
        ErrorReported = false;
        EofReported = false;
        Invalidate();
    }

    /// <summary>Asks for a new position to be looked up (committed offset, or a reset by strategy).</summary>
    public void Require(PositionNeed need, AutoOffsetReset strategy = AutoOffsetReset.Latest)
    {
        Need = need;
        ResetStrategy = strategy;
        Position = -1;
        FetchOffset = -1;
        Error = null;
        ErrorReported = false;
        LookupInFlight = false;
        NotBefore = 0;
        Invalidate();
    }

    /// <summary>Drops in-flight and buffered data (and any lookup under way): the next fetch starts again at the position.</summary>
    public void Invalidate()
    {
        Epoch++;
        FetchInFlight = false;
        LookupInFlight = false;
        Buffered = 0;
        FetchOffset = Position;
    }
}
