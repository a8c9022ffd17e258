using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// How the consumer coordinator changes the assignment: the listener applies the change to the
/// subscription state and runs the application's rebalance handlers around it.
/// <para>Threads: called inside Consume (or Close/Unsubscribe), never while holding the gate.</para>
/// </summary>
internal interface IRebalanceListener
{
    /// <summary>Commits consumed offsets before partitions may move (enable.auto.commit); failures are logged, not thrown.</summary>
    Task CommitBeforeRebalanceAsync(CancellationToken cancellationToken);

    /// <summary>Runs the revoked (or, when <paramref name="lost"/>, the lost) handler, then removes the partitions.</summary>
    void Revoke(IReadOnlyList<TopicPartition> partitions, bool lost);

    /// <summary>Adds the partitions (positions to be looked up), then runs the assigned handler.</summary>
    void Assign(IReadOnlyList<TopicPartition> partitions);
}
