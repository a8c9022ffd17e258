using Pipeline.Client.Group;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Passes every call to the worker's protocol, except that once the herder is abandoned the
/// leave callback fails, so <see cref="GroupMember.DisposeAsync"/> sends no LeaveGroup (it treats
/// a failed leave as best effort) and the coordinator notices the worker only when its session
/// times out: what a crashed worker looks like.
/// </summary>
internal sealed class AbandonableProtocol(IGroupProtocol inner, Func<bool> abandoned) : IGroupProtocol
{
    public string ProtocolType => inner.ProtocolType;

    public bool RejoinNeeded => inner.RejoinNeeded;

    public IReadOnlyList<GroupProtocolMetadata> Metadata() => inner.Metadata();

    public Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken) =>
        inner.AssignAsync(context, cancellationToken);

    public Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken) =>
        inner.OnJoinPrepareAsync(previous, cancellationToken);

    public Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken) =>
        inner.OnJoinCompleteAsync(generation, assignment, cancellationToken);

    public Task OnLeavePrepareAsync(GroupGeneration generation, CancellationToken cancellationToken) =>
        abandoned() ? throw new OperationCanceledException("the worker was abandoned; no LeaveGroup") : inner.OnLeavePrepareAsync(generation, cancellationToken);
}
