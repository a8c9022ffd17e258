namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// Keyed timers of a shard (Kafka's CoordinatorTimer). The operation runs on the shard's loop as a
/// write operation: its records are appended like any other. Scheduling a key again replaces the
/// earlier timer; a cancelled or replaced timer never runs, even if it already fired.
/// </summary>
public interface ICoordinatorTimer<TRecord>
    where TRecord : class
{
    void Schedule(string key, TimeSpan delay, Func<CoordinatorResult<TRecord, NoResponse>> operation);

    void Cancel(string key);

    bool IsScheduled(string key);
}
