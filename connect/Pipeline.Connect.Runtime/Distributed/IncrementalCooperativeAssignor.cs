using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The leader's incremental cooperative assignment (KIP-415, Kafka's IncrementalCooperativeAssignor),
/// as a pure function of the configured work, each member's reported load and what this leader
/// remembers from the round before:
/// <list type="bullet">
/// <item>work stays where it runs; deleted connectors/tasks and duplicates are revoked;</item>
/// <item>new (or unowned) work goes to the least loaded workers;</item>
/// <item>when a worker has more than its share, the excess is revoked in this round and assigned
///   in the next one (members rejoin right after a revocation), so nothing runs twice;</item>
/// <item>work of a departed worker is held unassigned for scheduled.rebalance.max.delay.ms so a
///   quick restart gets it back; the delay is sent to every member, and when it has passed the
///   held work goes to the least loaded workers (or to workers that joined meanwhile).</item>
/// </list>
/// Not thread-safe: runs on the leader's join task, once per rebalance.
/// </summary>
public sealed class IncrementalCooperativeAssignor
{
    private readonly int _maxDelayMs;
    private readonly TimeProvider _time;
    private SortedSet<string> _previousConnectors = new(StringComparer.Ordinal);
    private SortedSet<ConnectorTaskId> _previousTasks = new(TaskIdComparer.Instance);
    private readonly SortedSet<string> _revokedConnectors = new(StringComparer.Ordinal);
    private readonly SortedSet<ConnectorTaskId> _revokedTasks = new(TaskIdComparer.Instance);
    private HashSet<string> _previousMembers = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _candidates = new(StringComparer.Ordinal);
    private int _previousGeneration = -1;
    private long _scheduledRebalance;
    private int _delay;
    private bool _revokedInPrevious;

    public IncrementalCooperativeAssignor(TimeSpan maxDelay, TimeProvider? time = null)
    {
        _maxDelayMs = (int)Math.Min(int.MaxValue, maxDelay.TotalMilliseconds);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Assigns <paramref name="configured"/> among <paramref name="members"/> (member id → what it
    /// runs now). <paramref name="lastCompletedGeneration"/> is the generation this leader last
    /// completed: when it is not the one this assignor last computed, its memory is stale and dropped.
    /// </summary>
    public ClusterAssignment PerformAssignment(ConnectorsAndTasks configured, int lastCompletedGeneration, int currentGeneration, IReadOnlyDictionary<string, ConnectorsAndTasks> members)
    {
        if (_previousGeneration != lastCompletedGeneration)
        {
            _previousConnectors = new SortedSet<string>(StringComparer.Ordinal);
            _previousTasks = new SortedSet<ConnectorTaskId>(TaskIdComparer.Instance);
        }

        var configuredConnectors = new SortedSet<string>(configured.Connectors, StringComparer.Ordinal);
        var configuredTasks = new SortedSet<ConnectorTaskId>(configured.Tasks, TaskIdComparer.Instance);
        var memberIds = members.Keys.OrderBy(m => m, StringComparer.Ordinal).ToList();

        var activeConnectors = new SortedSet<string>(members.Values.SelectMany(m => m.Connectors), StringComparer.Ordinal);
        var activeTasks = new SortedSet<ConnectorTaskId>(members.Values.SelectMany(m => m.Tasks), TaskIdComparer.Instance);

        // A revocation the members did not carry out: what they report is the truth.
        if (_revokedConnectors.Overlaps(activeConnectors) || _revokedTasks.Overlaps(activeTasks))
        {
            _previousConnectors = new SortedSet<string>(activeConnectors, StringComparer.Ordinal);
            _previousTasks = new SortedSet<ConnectorTaskId>(activeTasks, TaskIdComparer.Instance);
        }

        _revokedConnectors.Clear();
        _revokedTasks.Clear();

        var duplicatedConnectors = Duplicates(members.Values.SelectMany(m => m.Connectors), StringComparer.Ordinal);
        var duplicatedTasks = Duplicates(members.Values.SelectMany(m => m.Tasks), TaskIdComparer.Instance);

        var lostConnectors = Except(_previousConnectors, activeConnectors, configuredConnectors, keepIn: true);
        var lostTasks = Except(_previousTasks, activeTasks, configuredTasks, keepIn: true);
        var createdConnectors = Except(configuredConnectors, _previousConnectors, activeConnectors, keepIn: false);
        var createdTasks = Except(configuredTasks, _previousTasks, activeTasks, keepIn: false);

        var revoke = memberIds.ToDictionary(m => m, m => new WorkerLoad(m), StringComparer.Ordinal);
        var current = new List<WorkerLoad>(memberIds.Count);
        var next = new List<WorkerLoad>(memberIds.Count);
        foreach (var member in memberIds)
        {
            var reported = members[member];
            var now = new WorkerLoad(member);
            var keep = new WorkerLoad(member);
            foreach (var connector in reported.Connectors)
            {
                if (!configuredConnectors.Contains(connector) || duplicatedConnectors.Contains(connector))
                {
                    revoke[member].Connectors.Add(connector);
                }
                else
                {
                    keep.Connectors.Add(connector);
                }

                if (configuredConnectors.Contains(connector))
                {
                    now.Connectors.Add(connector);
                }
            }

            foreach (var task in reported.Tasks)
            {
                if (!configuredTasks.Contains(task) || duplicatedTasks.Contains(task))
                {
                    revoke[member].Tasks.Add(task);
                }
                else
                {
                    keep.Tasks.Add(task);
                }

                if (configuredTasks.Contains(task))
                {
                    now.Tasks.Add(task);
                }
            }

            current.Add(now);
            next.Add(keep);
        }

        var (reassignConnectors, reassignTasks) = HandleLost(lostConnectors, lostTasks, next);

        if (_delay == 0)
        {
            var balanced = Revocations(configuredConnectors.Count, next, w => w.Connectors);
            var balancedTasks = Revocations(configuredTasks.Count, next, w => w.Tasks);
            var any = false;
            foreach (var worker in next)
            {
                foreach (var connector in balanced[worker.Worker])
                {
                    worker.Connectors.Remove(connector);
                    revoke[worker.Worker].Connectors.Add(connector);
                    any = true;
                }

                foreach (var task in balancedTasks[worker.Worker])
                {
                    worker.Tasks.Remove(task);
                    revoke[worker.Worker].Tasks.Add(task);
                    any = true;
                }
            }

            _revokedInPrevious = any;
        }
        else
        {
            _revokedInPrevious = false;
        }

        createdConnectors.UnionWith(reassignConnectors);
        createdTasks.UnionWith(reassignTasks);
        AssignLeastLoaded(next, createdConnectors, w => w.Connectors);
        AssignLeastLoaded(next, createdTasks, w => w.Tasks);

        var assigned = new Dictionary<string, ConnectorsAndTasks>(StringComparer.Ordinal);
        var held = new Dictionary<string, ConnectorsAndTasks>(StringComparer.Ordinal);
        var revoked = new Dictionary<string, ConnectorsAndTasks>(StringComparer.Ordinal);
        _previousConnectors = new SortedSet<string>(StringComparer.Ordinal);
        _previousTasks = new SortedSet<ConnectorTaskId>(TaskIdComparer.Instance);
        for (var i = 0; i < next.Count; i++)
        {
            var worker = next[i];
            var before = current[i];
            assigned[worker.Worker] = new ConnectorsAndTasks(
                worker.Connectors.Where(c => !before.Connectors.Contains(c)).ToList(),
                worker.Tasks.Where(t => !before.Tasks.Contains(t)).ToList());
            held[worker.Worker] = worker.ToAssignment();
            revoked[worker.Worker] = revoke[worker.Worker].ToAssignment();
            _previousConnectors.UnionWith(worker.Connectors);
            _previousTasks.UnionWith(worker.Tasks);
            _revokedConnectors.UnionWith(revoke[worker.Worker].Connectors);
            _revokedTasks.UnionWith(revoke[worker.Worker].Tasks);
        }

        // Held-back work stays "previously assigned" so the next round still sees it as lost.
        _previousConnectors.UnionWith(lostConnectors);
        _previousTasks.UnionWith(lostTasks);
        _previousGeneration = currentGeneration;
        _previousMembers = new HashSet<string>(memberIds, StringComparer.Ordinal);
        return new ClusterAssignment(assigned, revoked, held, _delay);
    }

    private (SortedSet<string> Connectors, SortedSet<ConnectorTaskId> Tasks) HandleLost(SortedSet<string> lostConnectors, SortedSet<ConnectorTaskId> lostTasks, List<WorkerLoad> workers)
    {
        var none = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<ConnectorTaskId>(TaskIdComparer.Instance));
        var lost = lostConnectors.Count > 0 || lostTasks.Count > 0;
        if (!lost && !_revokedInPrevious)
        {
            ResetDelay();
            return none;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var active = workers.Select(w => w.Worker).ToHashSet(StringComparer.Ordinal);
        if ((_scheduledRebalance <= 0 && active.IsSupersetOf(_previousMembers)) || _maxDelayMs == 0)
        {
            // Nobody left (the work was lost some other way), or no delay is wanted: reassign now.
            return (lostConnectors, lostTasks);
        }

        if (_scheduledRebalance > 0 && now >= _scheduledRebalance)
        {
            var candidates = workers.Where(w => _candidates.Contains(w.Worker) && w.IsEmpty).ToList();
            ResetDelay();
            _revokedInPrevious = false;
            if (candidates.Count == 0)
            {
                return (lostConnectors, lostTasks);
            }

            // Workers that joined during the delay (a restarted worker, typically) take the held work.
            var i = 0;
            foreach (var connector in lostConnectors)
            {
                candidates[i++ % candidates.Count].Connectors.Add(connector);
            }

            i = 0;
            foreach (var task in lostTasks)
            {
                candidates[i++ % candidates.Count].Tasks.Add(task);
            }

            return none;
        }

        foreach (var worker in workers)
        {
            if (worker.IsEmpty)
            {
                _candidates.Add(worker.Worker);
            }
        }

        _delay = _scheduledRebalance > 0 && now < _scheduledRebalance
            ? (int)(_scheduledRebalance - now)
            : _maxDelayMs;
        _scheduledRebalance = now + _delay;
        return none;
    }

    private void ResetDelay()
    {
        _candidates.Clear();
        _scheduledRebalance = 0;
        _delay = 0;
    }

    /// <summary>
    /// What each worker gives up so that none holds more than its share of <paramref name="total"/>:
    /// floor(total/W) each, and the total%W most loaded ones one more.
    /// </summary>
    private static Dictionary<string, List<T>> Revocations<T>(int total, List<WorkerLoad> workers, Func<WorkerLoad, SortedSet<T>> of)
    {
        var result = workers.ToDictionary(w => w.Worker, _ => new List<T>(), StringComparer.Ordinal);
        if (workers.Count == 0 || total == 0 || workers.All(w => w.IsEmpty))
        {
            return result;
        }

        var floor = total / workers.Count;
        var atCeiling = total % workers.Count;
        foreach (var worker in workers.OrderByDescending(w => of(w).Count).ThenBy(w => w.Worker, StringComparer.Ordinal))
        {
            var items = of(worker);
            var target = floor;
            if (atCeiling > 0 && items.Count > floor)
            {
                target = floor + 1;
                atCeiling--;
            }

            // Revoke from the end of the sorted set: the same items every time.
            foreach (var item in items.Reverse().Take(items.Count - target))
            {
                result[worker.Worker].Add(item);
            }
        }

        return result;
    }

    private static void AssignLeastLoaded<T>(List<WorkerLoad> workers, SortedSet<T> items, Func<WorkerLoad, SortedSet<T>> of)
    {
        if (workers.Count == 0)
        {
            return;
        }

        foreach (var item in items)
        {
            var target = workers[0];
            foreach (var worker in workers)
            {
                var load = of(worker).Count;
                var best = of(target).Count;
                if (load < best || (load == best && string.CompareOrdinal(worker.Worker, target.Worker) < 0))
                {
                    target = worker;
                }
            }

            of(target).Add(item);
        }
    }

    private static SortedSet<T> Duplicates<T>(IEnumerable<T> items, IComparer<T> comparer)
    {
        var seen = new SortedSet<T>(comparer);
        var duplicates = new SortedSet<T>(comparer);
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                duplicates.Add(item);
            }
        }

        return duplicates;
    }

    /// <summary>
    /// Items of <paramref name="from"/> not in <paramref name="minus"/>, and in (<paramref name="keepIn"/>)
    /// or not in (!keepIn) <paramref name="filter"/>.
    /// </summary>
    private static SortedSet<T> Except<T>(SortedSet<T> from, SortedSet<T> minus, SortedSet<T> filter, bool keepIn)
    {
        var result = new SortedSet<T>(from.Comparer);
        foreach (var item in from)
        {
            if (!minus.Contains(item) && filter.Contains(item) == keepIn)
            {
                result.Add(item);
            }
        }

        return result;
    }
}
