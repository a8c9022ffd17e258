namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// What a write operation returns (Kafka's CoordinatorResult): the records to append to the
/// shard's partition and the response to release once they are durable.
/// <list type="bullet">
/// <item><see cref="ReplayRecords"/>: apply the records to the state through
/// <see cref="ICoordinatorShard{TRecord}.Replay"/> after they were appended (offset commits,
/// deletions); false when the operation already changed the state itself (group generations).</item>
/// <item><see cref="AppendCallback"/>: runs on the loop once the records are durable (argument
/// null) or could not be written (the error), before the response is released.</item>
/// </list>
/// </summary>
public sealed class CoordinatorResult<TRecord, TResponse>
    where TRecord : class
{
    public CoordinatorResult(IReadOnlyList<TRecord> records, TResponse response, bool replayRecords = true, Action<Exception?>? appendCallback = null)
    {
        Records = records;
        Response = response;
        ReplayRecords = replayRecords;
        AppendCallback = appendCallback;
    }

    public IReadOnlyList<TRecord> Records { get; }

    public TResponse Response { get; }

    public bool ReplayRecords { get; }

    public Action<Exception?>? AppendCallback { get; }
}
