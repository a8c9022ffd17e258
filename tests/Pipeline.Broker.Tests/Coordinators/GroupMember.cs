using Pipeline.Broker.Tests.Coordinators.Group;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Coordinators;

/// <summary>
/// A consumer-group member speaking the raw protocol over its own connection (JoinGroup long-polls,
/// so each member needs one): FindCoordinator, the member-id handshake, join, sync (as leader it
/// assigns), heartbeat, commit and fetch. It keeps the member id and generation like a client does.
/// </summary>
internal sealed class GroupMember : IAsyncDisposable
{
    private readonly KafkaTestClient _client;

    private GroupMember(KafkaTestClient client, string groupId)
    {
        _client = client;
        GroupId = groupId;
    }

    public string GroupId { get; }

    public string MemberId { get; set; } = string.Empty;

    public string? InstanceId { get; init; }

    public int Generation { get; set; } = -1;

    public JoinGroupResponse? LastJoin { get; private set; }

    public bool IsLeader => LastJoin is { } j && j.Leader == j.MemberId && j.MemberId.Length > 0;

    public KafkaTestClient Client => _client;

    public static async Task<GroupMember> ConnectAsync(string host, int port, string groupId, string? instanceId = null)
    {
        var client = await KafkaTestClient.ConnectAsync(host, port);
        client.Timeout = TimeSpan.FromSeconds(30);
        var member = new GroupMember(client, groupId) { InstanceId = instanceId };
        var coordinator = await client.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { KeyValue = groupId }, 3);
        if (coordinator.ErrorCode != 0)
        {
            throw new InvalidOperationException($"FindCoordinator: {(ErrorCode)coordinator.ErrorCode}");
        }

        return member;
    }

    public static JoinGroupRequest Request(string groupId, string memberId, string[] topics, string? instanceId = null, int sessionTimeoutMs = 6000, int rebalanceTimeoutMs = 10_000, string protocolType = "consumer", string protocol = "range") => new()
    {
        GroupId = groupId,
        MemberId = memberId,
        GroupInstanceId = instanceId,
        SessionTimeoutMs = sessionTimeoutMs,
        RebalanceTimeoutMs = rebalanceTimeoutMs,
        ProtocolType = protocolType,
        Protocols = [new JoinGroupRequest.JoinGroupRequestProtocol { Name = protocol, Metadata = GroupHarness.Subscription(topics) }],
    };

    /// <summary>Joins (answering MEMBER_ID_REQUIRED) and waits for the join phase to complete.</summary>
    public async Task<JoinGroupResponse> JoinAsync(string[] topics, short version = 5, int sessionTimeoutMs = 6000, int rebalanceTimeoutMs = 10_000)
    {
        while (true)
        {
            var response = await _client.SendAsync<JoinGroupResponse>(Request(GroupId, MemberId, topics, InstanceId, sessionTimeoutMs, rebalanceTimeoutMs), version);
            LastJoin = response;
            if (response.ErrorCode == (short)ErrorCode.MemberIdRequired)
            {
                MemberId = response.MemberId;
                continue;
            }

            if (response.ErrorCode == 0)
            {
                MemberId = response.MemberId;
                Generation = response.GenerationId;
            }

            return response;
        }
    }

    /// <summary>Starts a join without waiting (the answer is parked until the rebalance completes).</summary>
    public Task<JoinGroupResponse> StartJoinAsync(string[] topics, short version = 5) => JoinAsync(topics, version);

    /// <summary>As leader: assigns <paramref name="partitions"/> of <paramref name="topic"/> round robin over the members it was told about.</summary>
    public Task<SyncGroupResponse> SyncAsync(string topic, int partitions, short version = 3)
    {
        var request = new SyncGroupRequest { GroupId = GroupId, MemberId = MemberId, GenerationId = Generation, GroupInstanceId = version >= 3 ? InstanceId : null };
        if (version >= 5)
        {
            request.ProtocolType = "consumer";
            request.ProtocolName = "range";
        }

        if (IsLeader)
        {
            var members = LastJoin!.Members.Select(m => m.MemberId).ToList();
            foreach (var m in members)
            {
                var mine = Enumerable.Range(0, partitions).Where(p => members[p % members.Count] == m).ToArray();
                request.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = m, Assignment = GroupHarness.Assignment((topic, mine)) });
            }
        }

        return _client.SendAsync<SyncGroupResponse>(request, version);
    }

    public async Task<ErrorCode> HeartbeatAsync(short version = 3)
    {
        var response = await _client.SendAsync<HeartbeatResponse>(new HeartbeatRequest { GroupId = GroupId, MemberId = MemberId, GenerationId = Generation, GroupInstanceId = version >= 3 ? InstanceId : null }, version);
        return (ErrorCode)response.ErrorCode;
    }

    public async Task<ErrorCode> CommitAsync(string topic, IReadOnlyDictionary<int, long> offsets, short version = 7)
    {
        var request = new OffsetCommitRequest
        {
            GroupId = GroupId,
            MemberId = MemberId,
            GenerationIdOrMemberEpoch = Generation,
            GroupInstanceId = version >= 7 ? InstanceId : null,
            Topics = [new OffsetCommitRequest.OffsetCommitRequestTopic
            {
                Name = topic,
                Partitions = offsets.Select(o => new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = o.Key, CommittedOffset = o.Value }).ToList(),
            }],
        };
        var response = await _client.SendAsync<OffsetCommitResponse>(request, version);
        var errors = response.Topics.SelectMany(t => t.Partitions).Select(p => (ErrorCode)p.ErrorCode).Distinct().ToList();
        return errors.Count == 1 ? errors[0] : errors.First(e => e != ErrorCode.None);
    }

    public Task<long> CommittedAsync(string topic, int partition) => CommittedAsync(_client, GroupId, topic, partition);

    public static async Task<long> CommittedAsync(KafkaTestClient client, string groupId, string topic, int partition)
    {
        var response = await client.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest
        {
            GroupId = groupId,
            Topics = [new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic, PartitionIndexes = [partition] }],
        }, 7);
        if (response.ErrorCode != 0)
        {
            throw new InvalidOperationException($"OffsetFetch: {(ErrorCode)response.ErrorCode}");
        }

        return response.Topics.Single().Partitions.Single().CommittedOffset;
    }

    /// <summary>
    /// A rebalance of a Stable group as real members do it: the leader rejoins first (which starts
    /// the rebalance), the others once the group is PreparingRebalance (they would learn it from a
    /// heartbeat); every join completes together.
    /// </summary>
    public static async Task<JoinGroupResponse[]> RebalanceAsync(GroupMember leader, IReadOnlyList<GroupMember> others, string[] topics, KafkaTestClient admin)
    {
        var leaderJoin = leader.JoinAsync(topics);
        await WaitForStateAsync(admin, leader.GroupId, "PreparingRebalance");
        var joins = others.Select(o => o.JoinAsync(topics)).Prepend(leaderJoin).ToArray();
        return await Task.WhenAll(joins);
    }

    public static async Task WaitForStateAsync(KafkaTestClient admin, string groupId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var described = await admin.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [groupId] }, 4);
            var current = described.Groups.Single().GroupState;
            if (current == state)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"group {groupId} is {current}, not {state}");
            }

            await Task.Delay(10);
        }
    }

    public static int[] Partitions(byte[] assignment)
    {
        if (assignment.Length == 0)
        {
            return [];
        }

        var reader = new ProtocolReader(assignment);
        var version = reader.ReadInt16();
        var a = new ConsumerProtocolAssignment();
        a.Read(ref reader, version);
        return a.AssignedPartitions.SelectMany(t => t.Partitions).Order().ToArray();
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
