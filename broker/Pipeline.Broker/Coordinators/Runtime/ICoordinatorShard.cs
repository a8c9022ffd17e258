namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// The state machine of one partition of a coordinator's internal topic (Kafka's
/// CoordinatorShard). Every method runs on the shard's loop, never concurrently.
/// </summary>
public interface ICoordinatorShard<TRecord>
    where TRecord : class
{
    /// <summary>Applies a record: while loading, for every record of the log; afterwards, for
    /// the records of operations whose result asks for a replay.</summary>
    void Replay(long offset, long producerId, TRecord record);

    /// <summary>The log is fully replayed; timers may be scheduled from here on.</summary>
    void OnLoaded();

    /// <summary>The shard is going away (partition deleted, broker stopping). Timers are cancelled by the runtime.</summary>
    void OnUnloaded();
}
