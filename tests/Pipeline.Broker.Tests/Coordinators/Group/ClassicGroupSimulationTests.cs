using Pipeline.Broker.Coordinators.Group;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>
/// A seeded simulation of one consumer group: clients that behave like real consumers (join with
/// the member-id handshake, the leader assigns round robin, heartbeats, commits, leaves) and
/// misbehave (crash silently, come back as static members, stay silent across rebalances), a
/// clock that jumps, and coordinator restarts. After every step the invariants are checked:
/// <list type="bullet">
/// <item>the group's bookkeeping is consistent (leader is a member, parked joins counted, states);</item>
/// <item>one leader per generation, generations never go back except to the stored one on restart;</item>
/// <item>a Stable group assigns every partition to exactly one member, and a client that
/// believes it is stable in the current generation holds exactly the partitions the coordinator has;</item>
/// <item>an acknowledged commit is never lost and offsets never go backwards.</item>
/// </list>
/// </summary>
public sealed class ClassicGroupSimulationTests
{
    private const string GroupId = "sim";
    private const string Topic = "t";
    private const int Partitions = 6;

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 24).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Simulation_InvariantsHoldAfterEveryStep(int seed)
    {
        new Simulation(seed).Run(steps: 500);
    }

    private sealed class Agent
    {
        public required string ClientId { get; init; }

        public string? InstanceId { get; init; }

        public string MemberId { get; set; } = string.Empty;

        public int Generation { get; set; } = -1;

        public bool Alive { get; set; } = true;

        public Task<JoinGroupResponse>? Join { get; set; }

        public Task<SyncGroupResponse>? Sync { get; set; }

        public bool Stable { get; set; }

        public HashSet<int> Owned { get; set; } = [];

        /// <summary>Coordinator restarts seen when it synced: a generation number can be reused after one.</summary>
        public int SyncEpoch { get; set; }

        public override string ToString() => $"{ClientId}({MemberId}, gen {Generation}, {(Alive ? "alive" : "dead")}, {(Stable ? "stable" : "-")})";
    }

    private sealed class Simulation
    {
        private readonly Random _random;
        private readonly int _seed;
        private readonly GroupHarness _h;
        private readonly List<Agent> _agents = [];
        private readonly Dictionary<(int Epoch, int Generation), string> _leaders = [];
        private readonly long[] _acknowledged = Enumerable.Repeat(-1L, Partitions).ToArray();
        private readonly List<string> _trace = [];
        private long _nextOffset;
        private int _stableSteps;
        private int _acknowledgedCommits;
        private int _epoch;
        private int _lastGeneration;

        public Simulation(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
            _h = new GroupHarness(new GroupCoordinatorConfig
            {
                InitialRebalanceDelayMs = _random.Next(0, 2) * 1000,
                MinSessionTimeoutMs = 1000,
                NewMemberJoinTimeoutMs = 30_000,
            });
            var count = _random.Next(2, 6);
            for (var i = 0; i < count; i++)
            {
                _agents.Add(new Agent { ClientId = $"c{i}", InstanceId = i < 2 && _random.Next(2) == 0 ? $"static-{i}" : null });
            }
        }

        public void Run(int steps)
        {
            for (var step = 0; step < steps; step++)
            {
                try
                {
                    Poll();
                    Act();
                    Poll();
                    CheckInvariants();
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new InvalidOperationException($"seed {_seed}, step {step}: {e.Message}\n{string.Join("\n", _trace.TakeLast(40))}", e);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException($"seed {_seed}, step {step}: {e.Message}\n{string.Join("\n", _trace.TakeLast(40))}");
                }
            }

            // The run must have exercised the interesting part: stable generations and commits.
            Assert.True(_stableSteps > 0 && _acknowledgedCommits > 0, $"seed {_seed}: {_stableSteps} stable steps, {_acknowledgedCommits} commits");
        }

        private void Act()
        {
            var agent = _agents[_random.Next(_agents.Count)];
            var roll = _random.Next(100);
            if (roll < 20)
            {
                var ms = _random.Next(0, 4000);
                _trace.Add($"advance {ms} ms");
                _h.AdvanceMs(ms);
            }
            else if (roll < 50)
            {
                // Every live client heartbeats (as real ones do, every few seconds).
                foreach (var a in _agents.Where(a => a.Alive))
                {
                    Heartbeat(a);
                }
            }
            else if (roll < 65)
            {
                if (agent.Alive && agent.Join is null && agent.Sync is null && !agent.Stable)
                {
                    StartJoin(agent);
                }
            }
            else if (roll < 75)
            {
                Commit(agent);
            }
            else if (roll < 80)
            {
                if (agent.Alive && agent.MemberId.Length > 0)
                {
                    _trace.Add($"{agent} leaves");
                    _h.Leave(GroupId, (agent.MemberId, agent.InstanceId));
                    Reset(agent);
                }
            }
            else if (roll < 88)
            {
                if (agent.Alive)
                {
                    _trace.Add($"{agent} crashes");
                    agent.Alive = false;
                    agent.Join = null;
                    agent.Sync = null;
                }
                else
                {
                    _trace.Add($"{agent} comes back");
                    agent.Alive = true;
                    Reset(agent);
                }
            }
            else if (roll < 90)
            {
                _trace.Add("coordinator restarts");
                _h.Restart();
                _epoch++;
                _lastGeneration = _h.Group(GroupId)?.GenerationId ?? 0;
                foreach (var a in _agents)
                {
                    // Parked requests were answered NOT_COORDINATOR by the unload; pick them up.
                    if (a.Join is { IsCompleted: false } || a.Sync is { IsCompleted: false })
                    {
                        throw new InvalidOperationException($"{a} still parked after the coordinator unloaded");
                    }
                }
            }
        }

        private void Reset(Agent agent)
        {
            agent.MemberId = string.Empty;
            agent.Generation = -1;
            agent.Stable = false;
            agent.Owned = [];
            agent.Join = null;
            agent.Sync = null;
        }

        private void StartJoin(Agent agent)
        {
            agent.Stable = false;
            var request = GroupHarness.JoinRequest(GroupId, agent.MemberId, agent.InstanceId, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 15_000, protocols: [("roundrobin", GroupHarness.Subscription(Topic))]);
            _trace.Add($"{agent} joins");
            agent.Join = _h.Join(request, version: 5, clientId: agent.ClientId);
        }

        private void Heartbeat(Agent agent)
        {
            if (agent.MemberId.Length == 0 || agent.Join is not null || agent.Generation < 0)
            {
                return;
            }

            var error = _h.Heartbeat(GroupId, agent.MemberId, agent.Generation, agent.InstanceId);
            switch (error)
            {
                case ErrorCode.None:
                    break;
                case ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration:
                    _trace.Add($"{agent} heartbeat: {error}");
                    if (agent.Sync is null)
                    {
                        StartJoin(agent);
                    }

                    break;
                default:
                    _trace.Add($"{agent} heartbeat: {error}");
                    Reset(agent);
                    break;
            }
        }

        private void Commit(Agent agent)
        {
            if (!agent.Alive || !agent.Stable || agent.Owned.Count == 0)
            {
                return;
            }

            var offsets = agent.Owned.Select(p => (Topic, p, ++_nextOffset)).ToArray();
            var response = _h.Commit(GroupId, agent.MemberId, agent.Generation, offsets);
            var errors = response.Topics.SelectMany(t => t.Partitions).ToDictionary(p => p.PartitionIndex, p => p.ErrorCode);
            _trace.Add($"{agent} commits [{string.Join(",", offsets.Select(o => $"{o.p}:{o.Item3}"))}]: {string.Join(",", errors.Values.Distinct())}");
            foreach (var (_, p, o) in offsets)
            {
                if (errors[p] == 0)
                {
                    Assert.True(o > _acknowledged[p]);
                    _acknowledged[p] = o;
                    _acknowledgedCommits++;
                }
            }
        }

        private void Poll()
        {
            bool progress;
            do
            {
                progress = false;
                foreach (var agent in _agents.Where(a => a.Alive))
                {
                    if (agent.Join is { IsCompleted: true } join)
                    {
                        agent.Join = null;
                        OnJoined(agent, join.Value());
                        progress = true;
                    }

                    if (agent.Sync is { IsCompleted: true } sync)
                    {
                        agent.Sync = null;
                        OnSynced(agent, sync.Value());
                        progress = true;
                    }
                }
            }
            while (progress);
        }

        private void OnJoined(Agent agent, JoinGroupResponse response)
        {
            var error = (ErrorCode)response.ErrorCode;
            _trace.Add($"{agent} join answer: {error} gen {response.GenerationId} leader {response.Leader}");
            switch (error)
            {
                case ErrorCode.MemberIdRequired:
                    agent.MemberId = response.MemberId;
                    StartJoin(agent);
                    return;
                case ErrorCode.None:
                    break;
                case ErrorCode.UnknownMemberId or ErrorCode.FencedInstanceId:
                    Reset(agent);
                    return;
                default:
                    return;
            }

            agent.MemberId = response.MemberId;
            agent.Generation = response.GenerationId;
            // A static leader that restarts keeps leading the same generation under a new member
            // id (KIP-345): compare clients, not member ids.
            var leaderClient = Client(response.Leader);
            if (_leaders.TryGetValue((_epoch, response.GenerationId), out var leader))
            {
                Assert.True(leader == leaderClient, $"generation {response.GenerationId} has two leaders: {leader} and {leaderClient}");
            }
            else
            {
                _leaders[(_epoch, response.GenerationId)] = leaderClient;
            }

            Dictionary<string, byte[]>? assignments = null;
            if (response.Leader == response.MemberId)
            {
                // Round robin over the members the coordinator listed.
                var members = response.Members.Select(m => m.MemberId).ToList();
                Assert.Contains(response.MemberId, members);
                Assert.Equal(members.Count, members.Distinct().Count());
                assignments = members.ToDictionary(
                    m => m,
                    m => GroupHarness.Assignment((Topic, Enumerable.Range(0, Partitions).Where(p => members[p % members.Count] == m).ToArray())));
            }
            else
            {
                Assert.Empty(response.Members);
            }

            agent.Sync = _h.Sync(GroupId, agent.MemberId, agent.Generation, assignments, agent.InstanceId);
        }

        private void OnSynced(Agent agent, SyncGroupResponse response)
        {
            var error = (ErrorCode)response.ErrorCode;
            _trace.Add($"{agent} sync answer: {error}");
            switch (error)
            {
                case ErrorCode.None:
                    agent.Stable = true;
                    agent.SyncEpoch = _epoch;
                    agent.Owned = DecodeAssignment(response.Assignment);
                    break;
                case ErrorCode.UnknownMemberId or ErrorCode.FencedInstanceId:
                    Reset(agent);
                    break;
                default:
                    agent.Stable = false;
                    break;
            }
        }

        private void CheckInvariants()
        {
            var group = _h.Group(GroupId);
            for (var p = 0; p < Partitions; p++)
            {
                if (_acknowledged[p] >= 0)
                {
                    Assert.True(_h.Committed(GroupId, Topic, p) >= _acknowledged[p], $"partition {p}: acknowledged offset {_acknowledged[p]} went back to {_h.Committed(GroupId, Topic, p)}");
                }
            }

            if (group is null)
            {
                return;
            }

            Assert.True(group.GenerationId >= _lastGeneration, $"generation went back from {_lastGeneration} to {group.GenerationId}");
            _lastGeneration = group.GenerationId;

            var members = group.Members.ToList();
            Assert.Equal(members.Count(m => m.IsAwaitingJoin), group.AwaitingJoinCount);
            if (members.Count == 0)
            {
                Assert.Null(group.LeaderId);
            }
            else
            {
                Assert.Contains(group.LeaderId, members.Select(m => m.MemberId));
            }

            switch (group.State)
            {
                case ClassicGroupState.Empty:
                    Assert.Empty(members);
                    break;
                case ClassicGroupState.CompletingRebalance or ClassicGroupState.Stable:
                    Assert.DoesNotContain(members, m => m.IsAwaitingJoin);
                    break;
            }

            if (group.State != ClassicGroupState.Stable)
            {
                return;
            }

            Assert.DoesNotContain(members, m => m.IsAwaitingSync);
            _stableSteps++;
            var owners = new int[Partitions];
            foreach (var m in members)
            {
                foreach (var p in DecodeAssignment(m.Assignment))
                {
                    owners[p]++;
                }
            }

            Assert.True(owners.All(n => n == 1), $"stable generation {group.GenerationId}: partition owners {string.Join(",", owners)}");
            foreach (var agent in _agents.Where(a => a.Alive && a.Stable && a.SyncEpoch == _epoch && a.Generation == group.GenerationId && group.HasMember(a.MemberId)))
            {
                Assert.True(agent.Owned.SetEquals(DecodeAssignment(group.Member(agent.MemberId).Assignment)), $"{agent} believes it owns {string.Join(",", agent.Owned)}");
            }
        }

        /// <summary>Member ids are "clientId-uuid" or, for static members, "instanceId-uuid".</summary>
        private static string Client(string memberId) => memberId.Length > 37 ? memberId[..^37] : memberId;

        private static HashSet<int> DecodeAssignment(byte[] bytes)
        {
            if (bytes.Length == 0)
            {
                return [];
            }

            var reader = new ProtocolReader(bytes);
            var version = reader.ReadInt16();
            var assignment = new ConsumerProtocolAssignment();
            assignment.Read(ref reader, version);
            return assignment.AssignedPartitions.SelectMany(t => t.Partitions).ToHashSet();
        }
    }
}
