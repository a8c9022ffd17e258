using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Broker.Coordinators.Runtime;
using Pipeline.Broker.Tests.Coordinators.Runtime;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Time;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>
/// One group coordinator shard on the real runtime, pumped by hand: an in-memory log, a manual
/// clock, every operation run to completion on the test thread. Requests go straight to the shard
/// (as the GroupCoordinator façade schedules them); parked JoinGroup/SyncGroup answers come back
/// as tasks that complete when the group gets that far.
/// </summary>
internal sealed class GroupHarness
{
    private CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord> _runtime;

    public GroupHarness(GroupCoordinatorConfig? config = null, ManualTimeProvider? time = null, InMemoryCoordinatorLog? log = null)
    {
        Config = config ?? new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0, MinSessionTimeoutMs = 1000 };
        Time = time ?? new ManualTimeProvider();
        Log = log ?? new InMemoryCoordinatorLog();
        _runtime = Start();
    }

    public GroupCoordinatorConfig Config { get; }

    public ManualTimeProvider Time { get; }

    public InMemoryCoordinatorLog Log { get; }

    public GroupCoordinatorShard Shard => _runtime.LoopOf(0)!.Shard!;

    public ClassicGroup? Group(string groupId) => Shard.Groups.Get(groupId);

    public static byte[] Subscription(params string[] topics)
    {
        var s = new ConsumerProtocolSubscription { Topics = [.. topics] };
        using var writer = new Pipeline.Protocol.Primitives.ProtocolWriter();
        writer.WriteInt16(0);
        s.Write(writer, 0);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] Assignment(params (string Topic, int[] Partitions)[] parts)
    {
        var a = new ConsumerProtocolAssignment();
        foreach (var (topic, partitions) in parts)
        {
            a.AssignedPartitions.Add(new ConsumerProtocolAssignment.TopicPartition { Topic = topic, Partitions = [.. partitions] });
        }

        using var writer = new Pipeline.Protocol.Primitives.ProtocolWriter();
        writer.WriteInt16(0);
        a.Write(writer, 0);
        return writer.WrittenSpan.ToArray();
    }

    public static JoinGroupRequest JoinRequest(
        string groupId,
        string memberId = "",
        string? instanceId = null,
        int sessionTimeoutMs = 10_000,
        int rebalanceTimeoutMs = 30_000,
        string protocolType = "consumer",
        params (string Name, byte[] Metadata)[] protocols)
    {
        var request = new JoinGroupRequest
        {
            GroupId = groupId,
            MemberId = memberId,
            GroupInstanceId = instanceId,
            SessionTimeoutMs = sessionTimeoutMs,
            RebalanceTimeoutMs = rebalanceTimeoutMs,
            ProtocolType = protocolType,
        };
        if (protocols.Length == 0)
        {
            protocols = [("range", Subscription("t"))];
        }

        foreach (var (name, metadata) in protocols)
        {
            request.Protocols.Add(new JoinGroupRequest.JoinGroupRequestProtocol { Name = name, Metadata = metadata });
        }

        return request;
    }

    public Task<JoinGroupResponse> Join(JoinGroupRequest request, short version = 5, string clientId = "client")
    {
        var response = new TaskCompletionSource<JoinGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = _runtime.ScheduleWriteAsync(0, "join", s => s.JoinGroup(new GroupRequestContext(clientId, "/127.0.0.1", version), request, response));
        Pump();
        Observe(write, e => response.TrySetResult(ClassicGroupRebalancer.JoinError(CoordinatorException.ToClientError(e), request.MemberId)));
        return response.Task;
    }

    /// <summary>A v4+ join from scratch: MEMBER_ID_REQUIRED, then the join with that id (parked).</summary>
    public Task<JoinGroupResponse> JoinNew(string groupId, params (string Name, byte[] Metadata)[] protocols) => JoinNew(JoinRequest(groupId, protocols: protocols));

    public Task<JoinGroupResponse> JoinNew(JoinGroupRequest request)
    {
        var first = Join(request);
        var required = first.IsCompletedSuccessfully ? first.Result : throw new InvalidOperationException("MEMBER_ID_REQUIRED expected at once");
        if (required.ErrorCode != (short)ErrorCode.MemberIdRequired)
        {
            return first;
        }

        request.MemberId = required.MemberId;
        return Join(request);
    }

    public Task<SyncGroupResponse> Sync(string groupId, string memberId, int generation, IReadOnlyDictionary<string, byte[]>? assignments = null, string? instanceId = null)
    {
        var request = new SyncGroupRequest { GroupId = groupId, MemberId = memberId, GenerationId = generation, GroupInstanceId = instanceId };
        foreach (var (m, a) in assignments ?? new Dictionary<string, byte[]>())
        {
            request.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = m, Assignment = a });
        }

        var response = new TaskCompletionSource<SyncGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = _runtime.ScheduleWriteAsync(0, "sync", s => s.SyncGroup(request, response));
        Pump();
        Observe(write, e => response.TrySetResult(new SyncGroupResponse { ErrorCode = (short)CoordinatorException.ToClientError(e) }));
        return response.Task;
    }

    public ErrorCode Heartbeat(string groupId, string memberId, int generation, string? instanceId = null)
    {
        var request = new HeartbeatRequest { GroupId = groupId, MemberId = memberId, GenerationId = generation, GroupInstanceId = instanceId };
        var write = _runtime.ScheduleWriteAsync(0, "heartbeat", s => s.Heartbeat(request));
        Pump();
        return write.IsCompletedSuccessfully ? (ErrorCode)write.Result.ErrorCode : CoordinatorException.ToClientError(write.Exception!.InnerException!);
    }

    public LeaveGroupResponse Leave(string groupId, params (string MemberId, string? InstanceId)[] members)
    {
        var request = new LeaveGroupRequest { GroupId = groupId };
        foreach (var (m, i) in members)
        {
            request.Members.Add(new LeaveGroupRequest.MemberIdentity { MemberId = m, GroupInstanceId = i });
        }

        return Run(_runtime.ScheduleWriteAsync(0, "leave", s => s.LeaveGroup(request)));
    }

    public OffsetCommitResponse Commit(string groupId, string memberId, int generation, params (string Topic, int Partition, long Offset)[] offsets) =>
        Commit(groupId, memberId, generation, null, 7, offsets);

    public OffsetCommitResponse Commit(string groupId, string memberId, int generation, string? metadata, short version, params (string Topic, int Partition, long Offset)[] offsets)
    {
        var request = new OffsetCommitRequest { GroupId = groupId, MemberId = memberId, GenerationIdOrMemberEpoch = generation };
        foreach (var byTopic in offsets.GroupBy(o => o.Topic))
        {
            var t = new OffsetCommitRequest.OffsetCommitRequestTopic { Name = byTopic.Key };
            foreach (var (_, p, o) in byTopic)
            {
                t.Partitions.Add(new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = p, CommittedOffset = o, CommittedMetadata = metadata });
            }

            request.Topics.Add(t);
        }

        var write = _runtime.ScheduleWriteAsync(0, "commit", s => s.CommitOffsets(new GroupRequestContext("client", "/127.0.0.1", version), request));
        Pump();
        if (!write.IsFaulted)
        {
            return Run(write);
        }

        // As the façade answers a refused commit: every partition gets the error.
        var error = (short)CoordinatorException.ToClientError(write.Exception!.InnerException!);
        var response = new OffsetCommitResponse();
        foreach (var t in request.Topics)
        {
            response.Topics.Add(new OffsetCommitResponse.OffsetCommitResponseTopic
            {
                Name = t.Name,
                Partitions = t.Partitions.Select(p => new OffsetCommitResponse.OffsetCommitResponsePartition { PartitionIndex = p.PartitionIndex, ErrorCode = error }).ToList(),
            });
        }

        return response;
    }

    public long Committed(string groupId, string topic, int partition)
    {
        var group = Run(_runtime.ScheduleReadAsync(0, "fetch", s => s.FetchOffsets(groupId, [new OffsetFetchRequest.OffsetFetchRequestTopics { Name = topic, PartitionIndexes = [partition] }])));
        return group.Topics.Single().Partitions.Single().CommittedOffset;
    }

    public OffsetFetchResponse.OffsetFetchResponseGroup FetchAll(string groupId) =>
        Run(_runtime.ScheduleReadAsync(0, "fetch", s => s.FetchOffsets(groupId, null)));

    public T Run<T>(Task<T> operation)
    {
        Pump();
        return operation.IsCompletedSuccessfully
            ? operation.Result
            : throw new InvalidOperationException($"operation did not complete: {operation.Status} {operation.Exception?.InnerException?.Message}");
    }

    /// <summary>Runs a write directly on the shard (tests of shard methods).</summary>
    public T Write<T>(Func<GroupCoordinatorShard, CoordinatorResult<GroupCoordinatorRecord, T>> operation) => Run(_runtime.ScheduleWriteAsync(0, "op", operation));

    /// <summary>
    /// Moves the clock in steps (at most 100 ms, or a thousandth of <paramref name="by"/>), running
    /// what fired after each step, so a timer set by a timer operation fires near its own due time.
    /// Zero-delay timers (e.g. an initial rebalance delay of 0) run before returning.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, by.Ticks / 1000));
        var left = by;
        do
        {
            var next = left < step ? left : step;
            Time.Advance(next);
            left -= next;
            DrainDueTimers();
        }
        while (left > TimeSpan.Zero);
    }

    private void DrainDueTimers()
    {
        for (var i = 0; i < 100; i++)
        {
            if (_runtime.RunPending() == 0)
            {
                Time.Advance(TimeSpan.Zero);
                if (_runtime.RunPending() == 0)
                {
                    return;
                }
            }
        }
    }

    public void AdvanceMs(int ms) => Advance(TimeSpan.FromMilliseconds(ms));

    public void Pump() => _runtime.RunPending();

    /// <summary>A new runtime loads the shard from the same log, as after a broker restart.</summary>
    public void Restart()
    {
        var old = _runtime;
        var closing = old.ScheduleUnloadAsync(0);
        old.RunPending();
        _ = closing;
        _runtime = Start();
    }

    private CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord> Start()
    {
        var runtime = new CoordinatorRuntime<GroupCoordinatorShard, GroupCoordinatorRecord>(
            context => new GroupCoordinatorShard(context, Config, NullLogger.Instance),
            GroupCoordinatorRecordSerde.Instance,
            Time,
            NullLogger.Instance,
            runLoops: false);
        runtime.ScheduleLoad(0, Log);
        runtime.RunPending();
        return runtime;
    }

    private static void Observe(Task write, Action<Exception> onError)
    {
        if (write.IsFaulted)
        {
            onError(write.Exception!.InnerException!);
        }
    }
}
