using System.Collections.Concurrent;
using Pipeline.Client.Group;

namespace Pipeline.Client.Tests.Group;

/// <summary>A group protocol that records every callback; the leader assigns each member its own id as bytes.</summary>
internal sealed class RecordingProtocol : IGroupProtocol
{
    public string ProtocolType => "test";

    public ConcurrentQueue<GroupGeneration> Prepared { get; } = new();

    public ConcurrentQueue<(GroupGeneration Generation, byte[] Assignment)> Completed { get; } = new();

    public ConcurrentQueue<GroupLeaderContext> Assigned { get; } = new();

    public ConcurrentQueue<GroupGeneration> Left { get; } = new();

    public IReadOnlyList<GroupProtocolMetadata> Metadata() => [new GroupProtocolMetadata("proto-a", [1, 2, 3]), new GroupProtocolMetadata("proto-b", [4])];

    public Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken)
    {
        Assigned.Enqueue(context);
        IReadOnlyDictionary<string, byte[]> result = context.Members.ToDictionary(m => m.MemberId, m => System.Text.Encoding.UTF8.GetBytes(m.MemberId));
        return Task.FromResult(result);
    }

    public Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken)
    {
        Prepared.Enqueue(previous);
        return Task.CompletedTask;
    }

    public Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken)
    {
        Completed.Enqueue((generation, assignment));
        return Task.CompletedTask;
    }

    public Task OnLeavePrepareAsync(GroupGeneration generation, CancellationToken cancellationToken)
    {
        Left.Enqueue(generation);
        return Task.CompletedTask;
    }
}
