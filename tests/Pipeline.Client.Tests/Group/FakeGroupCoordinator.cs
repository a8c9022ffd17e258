using System.Collections.Concurrent;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Group;

/// <summary>
/// Group-coordinator answers for a <see cref="FakeKafkaBroker"/>: FindCoordinator names the fake
/// itself; JoinGroup, SyncGroup and Heartbeat answers come from scripts (queues, else a default:
/// join as the only member and leader, sync with the assignment the leader sent, heartbeat OK).
/// </summary>
internal sealed class FakeGroupCoordinator
{
    private int _generation;

    public FakeGroupCoordinator(FakeKafkaBroker broker)
    {
        Broker = broker;
        broker.Handler = Handle;
    }

    public FakeKafkaBroker Broker { get; }

    public ConcurrentQueue<Func<JoinGroupRequest, JoinGroupResponse>> Joins { get; } = new();

    public ConcurrentQueue<Func<SyncGroupRequest, SyncGroupResponse>> Syncs { get; } = new();

    /// <summary>Error answered to heartbeats (None by default); may be changed while the test runs.</summary>
    public ErrorCode HeartbeatError { get; set; }

    public List<T> Requests<T>(ApiKey key)
        where T : IDataMessage, new() => [.. Broker.OfType(key).Select(r => r.Read<T>())];

    public static JoinGroupResponse Error(ErrorCode code, string memberId = "") => new() { ErrorCode = (short)code, MemberId = memberId };

    private FakeReply? Handle(FakeRequest request)
    {
        switch (request.ApiKey)
        {
            case ApiKey.FindCoordinator:
                var find = request.Read<FindCoordinatorRequest>();
                var response = new FindCoordinatorResponse { NodeId = Broker.NodeId, Host = "127.0.0.1", Port = Broker.Port };
                foreach (var key in find.CoordinatorKeys)
                {
                    response.Coordinators.Add(new FindCoordinatorResponse.Coordinator { Key = key, NodeId = Broker.NodeId, Host = "127.0.0.1", Port = Broker.Port });
                }

                return FakeReply.Of(response);
            case ApiKey.JoinGroup:
                var join = request.Read<JoinGroupRequest>();
                return FakeReply.Of(Joins.TryDequeue(out var script) ? script(join) : JoinAlone(join));
            case ApiKey.SyncGroup:
                var sync = request.Read<SyncGroupRequest>();
                return FakeReply.Of(Syncs.TryDequeue(out var s) ? s(sync) : new SyncGroupResponse
                {
                    ProtocolType = sync.ProtocolType,
                    ProtocolName = sync.ProtocolName,
                    Assignment = sync.Assignments.Find(a => a.MemberId == sync.MemberId)?.Assignment ?? [],
                });
            case ApiKey.Heartbeat:
                return FakeReply.Of(new HeartbeatResponse { ErrorCode = (short)HeartbeatError });
            case ApiKey.LeaveGroup:
                return FakeReply.Of(new LeaveGroupResponse());
            default:
                return FakeKafkaBroker.Fallback;
        }
    }

    /// <summary>The default: the member joins alone and leads (a fresh id when it came without one).</summary>
    public JoinGroupResponse JoinAlone(JoinGroupRequest join)
    {
        var memberId = join.MemberId.Length > 0 ? join.MemberId : "member-" + Guid.NewGuid().ToString("N")[..6];
        return new JoinGroupResponse
        {
            GenerationId = Interlocked.Increment(ref _generation),
            ProtocolType = join.ProtocolType,
            ProtocolName = join.Protocols[0].Name,
            Leader = memberId,
            MemberId = memberId,
            Members = [new JoinGroupResponse.JoinGroupResponseMember { MemberId = memberId, GroupInstanceId = join.GroupInstanceId, Metadata = join.Protocols[0].Metadata }],
        };
    }
}
