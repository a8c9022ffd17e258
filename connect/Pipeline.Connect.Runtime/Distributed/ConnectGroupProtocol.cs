using Pipeline.Client.Group;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The "connect" group protocol of a worker (Kafka's WorkerCoordinator): offers sessioned,
/// compatible and eager (down to connect.protocol) with this worker's URL, config offset and
/// current assignment; as leader, reads the config topic to the end and runs the
/// <see cref="IncrementalCooperativeAssignor"/> (or a full reassignment under eager); as member,
/// merges the incremental assignment into what it holds and hands the result to the herder.
/// <para>Threads: <see cref="Metadata"/> and <see cref="AssignAsync"/> run on the member's join
/// task; the other callbacks on the herder loop. The held assignment is one immutable record
/// swapped atomically, so the join task reads a consistent one.</para>
/// </summary>
internal sealed class ConnectGroupProtocol : IGroupProtocol
{
    private readonly string _url;
    private readonly ConnectProtocolCompatibility _highest;
    private readonly KafkaConfigBackingStore _configs;
    private readonly IncrementalCooperativeAssignor _assignor;
    private readonly IWorkerRebalanceListener _listener;
    private volatile ConnectAssignment? _held;
    private volatile LeaderState? _leaderState;
    private int _lastCompletedGeneration = -1;

    public ConnectGroupProtocol(string url, ConnectProtocolCompatibility highest, KafkaConfigBackingStore configs, IncrementalCooperativeAssignor assignor, IWorkerRebalanceListener listener)
    {
        _url = url;
        _highest = highest;
        _configs = configs;
        _assignor = assignor;
        _listener = listener;
    }

    public string ProtocolType => ConnectProtocolNames.ProtocolType;

    /// <summary>What this worker holds (null before the first assignment or after it was lost).</summary>
    public ConnectAssignment? Held => _held;

    /// <summary>The protocol the group runs (known after a join).</summary>
    public ConnectProtocolCompatibility Current { get; private set; } = ConnectProtocolCompatibility.Eager;

    /// <summary>Leader only: which URL runs a connector or task in the assignment it computed last.</summary>
    public string? OwnerUrl(string connector) => _leaderState?.ConnectorOwners.GetValueOrDefault(connector);

    /// <inheritdoc cref="OwnerUrl(string)"/>
    public string? OwnerUrl(ConnectorTaskId task) => _leaderState?.TaskOwners.GetValueOrDefault(task);

    public IReadOnlyList<GroupProtocolMetadata> Metadata()
    {
        var state = new WorkerMetadata(_url, _configs.Snapshot().Offset, _held);
        var protocols = new List<GroupProtocolMetadata>(3);
        for (var version = _highest; version >= ConnectProtocolCompatibility.Eager; version--)
        {
            protocols.Add(new GroupProtocolMetadata(ConnectProtocolNames.Name(version), ConnectProtocolCodec.SerializeMetadata(state, version)));
        }

        return protocols;
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken)
    {
        var version = ConnectProtocolNames.Parse(context.ProtocolName);
        var members = context.Members.ToDictionary(m => m.MemberId, m => ConnectProtocolCodec.DeserializeMetadata(m.Metadata), StringComparer.Ordinal);
        var leaderUrl = members.TryGetValue(context.Generation.MemberId, out var self) ? self.Url : _url;
        var maxOffset = members.Values.Max(m => m.ConfigOffset);

        // The leader must know at least what every member knows (Kafka's leader refreshes too).
        var snapshot = _configs.Snapshot();
        if (snapshot.Offset < maxOffset)
        {
            try
            {
                await _configs.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
            }

            snapshot = _configs.Snapshot();
        }

        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (snapshot.Offset < maxOffset)
        {
            foreach (var member in members.Keys)
            {
                var failed = new ConnectAssignment(version, ConnectAssignment.ConfigMismatch, context.Generation.MemberId, leaderUrl, snapshot.Offset, [], [], [], [], 0);
                result[member] = ConnectProtocolCodec.SerializeAssignment(failed, version);
            }

            return result;
        }

        var configured = new ConnectorsAndTasks(snapshot.Connectors, snapshot.AllTasks());
        var reported = members.ToDictionary(
            m => m.Key,
            m => version == ConnectProtocolCompatibility.Eager || m.Value.Assignment is null
                ? ConnectorsAndTasks.Empty
                : new ConnectorsAndTasks(m.Value.Assignment.Connectors, m.Value.Assignment.Tasks),
            StringComparer.Ordinal);
        var plan = version == ConnectProtocolCompatibility.Eager
            ? new IncrementalCooperativeAssignor(TimeSpan.Zero).PerformAssignment(configured, -1, context.Generation.GenerationId, reported)
            : _assignor.PerformAssignment(configured, _lastCompletedGeneration, context.Generation.GenerationId, reported);

        var connectorOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var taskOwners = new Dictionary<ConnectorTaskId, string>();
        foreach (var (member, held) in plan.Held)
        {
            var url = members[member].Url;
            foreach (var connector in held.Connectors)
            {
                connectorOwners[connector] = url;
            }

            foreach (var task in held.Tasks)
            {
                taskOwners[task] = url;
            }
        }

        _leaderState = new LeaderState(connectorOwners, taskOwners);
        foreach (var member in members.Keys)
        {
            var assigned = version == ConnectProtocolCompatibility.Eager ? plan.Held[member] : plan.Assigned[member];
            var revoked = version == ConnectProtocolCompatibility.Eager ? ConnectorsAndTasks.Empty : plan.Revoked[member];
            var assignment = new ConnectAssignment(version, ConnectAssignment.NoError, context.Generation.MemberId, leaderUrl, snapshot.Offset, assigned.Connectors, assigned.Tasks, revoked.Connectors, revoked.Tasks, plan.Delay);
            result[member] = ConnectProtocolCodec.SerializeAssignment(assignment, version);
        }

        return result;
    }

    public async Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken)
    {
        _leaderState = null;
        var held = _held;
        if (held is null)
        {
            return;
        }

        // Eager revokes everything before each rebalance; a lost membership means others may
        // already run this work, so it stops too (Kafka revokes on a lost coordinator as well).
        if (Current == ConnectProtocolCompatibility.Eager || !previous.IsValid)
        {
            _held = null;
            await _listener.OnRevokedAsync(held.Connectors, held.Tasks, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken)
    {
        Current = generation.ProtocolName is { } name ? ConnectProtocolNames.Parse(name) : ConnectProtocolCompatibility.Eager;
        var received = assignment.Length == 0
            ? new ConnectAssignment(Current, ConnectAssignment.NoError, "", "", -1, [], [], [], [], 0)
            : ConnectProtocolCodec.DeserializeAssignment(assignment);
        var merged = received;
        if (Current != ConnectProtocolCompatibility.Eager && _held is { } held && !received.Failed)
        {
            var connectors = held.Connectors.Where(c => !received.RevokedConnectors.Contains(c)).Union(received.Connectors, StringComparer.Ordinal).ToList();
            var tasks = held.Tasks.Where(t => !received.RevokedTasks.Contains(t)).Union(received.Tasks).ToList();
            merged = received with { Connectors = connectors, Tasks = tasks };
        }

        if (!received.Failed)
        {
            _held = merged with { RevokedConnectors = [], RevokedTasks = [], Delay = 0 };
        }

        _lastCompletedGeneration = generation.GenerationId;
        await _listener.OnAssignedAsync(merged, generation.GenerationId, cancellationToken).ConfigureAwait(false);
    }

    public Task OnLeavePrepareAsync(GroupGeneration generation, CancellationToken cancellationToken)
    {
        _leaderState = null;
        return Task.CompletedTask;
    }

    /// <summary>Forgets the held assignment (the herder stopped everything, e.g. when leaving).</summary>
    public void ClearHeld() => _held = null;

    private sealed record LeaderState(IReadOnlyDictionary<string, string> ConnectorOwners, IReadOnlyDictionary<ConnectorTaskId, string> TaskOwners);
}
