namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>What the runtime gives a shard: its partition, the clock, timers and durable completions.</summary>
public interface ICoordinatorShardContext<TRecord>
    where TRecord : class
{
    int PartitionIndex { get; }

    TimeProvider Time { get; }

    ICoordinatorTimer<TRecord> Timer { get; }

    /// <summary>
    /// Runs <paramref name="completion"/> (on the loop) once every record written so far, and those
    /// of the operation in progress, is durable. Shards complete parked requests (JoinGroup and
    /// SyncGroup long polls) through this, so no answer reveals state a crash could still undo.
    /// </summary>
    void CompleteWhenDurable(Action completion);
}
