using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Testing.Time;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

public sealed class IncrementalCooperativeAssignorTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider _time = new();
    private readonly IncrementalCooperativeAssignor _assignor;
    private readonly Dictionary<string, ConnectorsAndTasks> _members = new(StringComparer.Ordinal);
    private int _generation;

    public IncrementalCooperativeAssignorTests()
    {
        _assignor = new IncrementalCooperativeAssignor(MaxDelay, _time);
    }

    [Fact]
    public void Assign_NewConnectorsOnThreeWorkers_SpreadsEvenly()
    {
        Join("w1", "w2", "w3");
        var plan = Round(Configured(("a", 3), ("b", 3), ("c", 3)));

        Assert.All(plan.Held.Values, held => Assert.Single(held.Connectors));
        Assert.All(plan.Held.Values, held => Assert.Equal(3, held.Tasks.Count));
        Assert.Equal(12, plan.Held.Values.Sum(h => h.Count));
        Assert.All(plan.Revoked.Values, r => Assert.True(r.IsEmpty));
        Assert.Equal(0, plan.Delay);
    }

    [Fact]
    public void Assign_SameInputs_SameAssignment()
    {
        var other = new IncrementalCooperativeAssignor(MaxDelay, _time);
        var members = new Dictionary<string, ConnectorsAndTasks>
        {
            ["w2"] = ConnectorsAndTasks.Empty,
            ["w1"] = ConnectorsAndTasks.Empty,
        };
        var configured = Configured(("x", 5), ("y", 2));

        var first = _assignor.PerformAssignment(configured, -1, 1, members);
        var second = other.PerformAssignment(configured, -1, 1, members);

        foreach (var member in members.Keys)
        {
            Assert.Equal(first.Held[member].Connectors, second.Held[member].Connectors);
            Assert.Equal(first.Held[member].Tasks, second.Held[member].Tasks);
        }
    }

    [Fact]
    public void Assign_WorkerJoins_RevokesExcessFirstThenAssignsNextRound()
    {
        Join("w1", "w2");
        Round(Configured(("a", 4), ("b", 2)));
        var configured = Configured(("a", 4), ("b", 2));

        Join("w3");
        var revoking = Round(configured);

        // Round one: the new worker gets nothing yet; the loaded ones give up their excess.
        Assert.True(revoking.Assigned["w3"].IsEmpty);
        Assert.Equal(2, revoking.Revoked.Values.Sum(r => r.Tasks.Count));
        Assert.All(revoking.Held.Values, h => Assert.True(h.Tasks.Count <= 2));
        foreach (var (member, revoked) in revoking.Revoked)
        {
            Assert.Empty(revoked.Tasks.Intersect(revoking.Held[member].Tasks));
        }

        // Round two (members rejoin after revoking): the revoked tasks go to the new worker.
        var assigning = Round(configured);
        Assert.Equal(2, assigning.Held["w3"].Tasks.Count);
        Assert.All(assigning.Held.Values, h => Assert.Equal(2, h.Tasks.Count));
        Assert.All(assigning.Revoked.Values, r => Assert.True(r.IsEmpty));
        Assert.Equal(6, assigning.Held.Values.SelectMany(h => h.Tasks).Distinct().Count());
    }

    [Fact]
    public void Assign_StableGroup_MovesNothing()
    {
        Join("w1", "w2", "w3");
        var configured = Configured(("a", 4), ("b", 4));
        Round(configured);

        var again = Round(configured);

        Assert.All(again.Assigned.Values, a => Assert.True(a.IsEmpty));
        Assert.All(again.Revoked.Values, r => Assert.True(r.IsEmpty));
    }

    [Fact]
    public void Assign_WorkerDeparts_HoldsItsWorkUntilTheDelayThenReassigns()
    {
        Join("w1", "w2", "w3");
        var configured = Configured(("a", 3), ("b", 3));
        Round(configured);
        var lost = _members["w3"];
        Assert.False(lost.IsEmpty);

        _members.Remove("w3");
        var held = Round(configured);
        Assert.Equal((int)MaxDelay.TotalMilliseconds, held.Delay);
        Assert.All(held.Assigned.Values, a => Assert.True(a.IsEmpty));
        Assert.Empty(lost.Tasks.Intersect(held.Held.Values.SelectMany(h => h.Tasks)));

        // A rebalance during the delay (e.g. a config change) still holds the work back.
        _time.Advance(TimeSpan.FromSeconds(4));
        var during = Round(configured);
        Assert.Equal(6000, during.Delay);
        Assert.All(during.Assigned.Values, a => Assert.True(a.IsEmpty));

        _time.Advance(TimeSpan.FromSeconds(6));
        var after = Round(configured);
        Assert.Equal(0, after.Delay);
        Assert.Equal(lost.Count, after.Assigned.Values.Sum(a => a.Count));
        Assert.Equal(8, after.Held.Values.Sum(h => h.Count));
        Assert.Equal(6, after.Held.Values.SelectMany(h => h.Tasks).Distinct().Count());
    }

    [Fact]
    public void Assign_WorkerReturnsWithinDelay_GetsItsWorkBack()
    {
        Join("w1", "w2", "w3");
        var configured = Configured(("a", 3), ("b", 3));
        Round(configured);
        var lost = _members["w3"];
        _members.Remove("w3");
        Round(configured);

        Join("w3-restarted");
        var returned = Round(configured);
        Assert.True(returned.Delay > 0);
        Assert.True(returned.Held["w3-restarted"].IsEmpty);

        _time.Advance(MaxDelay);
        var after = Round(configured);
        Assert.Equal(lost.Connectors, after.Held["w3-restarted"].Connectors);
        Assert.Equal(lost.Tasks, after.Held["w3-restarted"].Tasks);
    }

    [Fact]
    public void Assign_ConnectorDeleted_RevokesItsWork()
    {
        Join("w1", "w2");
        Round(Configured(("a", 2), ("b", 2)));

        var plan = Round(Configured(("a", 2)));

        var revoked = plan.Revoked.Values.SelectMany(r => r.Tasks).ToList();
        Assert.Equal(2, revoked.Count);
        Assert.All(revoked, t => Assert.Equal("b", t.Connector));
        Assert.Contains("b", plan.Revoked.Values.SelectMany(r => r.Connectors));
        Assert.DoesNotContain(plan.Held.Values.SelectMany(h => h.Tasks), t => t.Connector == "b");
    }

    [Fact]
    public void Assign_DuplicateTask_RevokedFromEveryHolder()
    {
        var task = new ConnectorTaskId("a", 0);
        _members["w1"] = new ConnectorsAndTasks(["a"], [task]);
        _members["w2"] = new ConnectorsAndTasks([], [task]);

        var plan = _assignor.PerformAssignment(Configured(("a", 1)), -1, 1, _members);

        Assert.Contains(task, plan.Revoked["w1"].Tasks);
        Assert.Contains(task, plan.Revoked["w2"].Tasks);
    }

    [Fact]
    public void Assign_NoDelayConfigured_ReassignsLostWorkAtOnce()
    {
        var assignor = new IncrementalCooperativeAssignor(TimeSpan.Zero, _time);
        var members = new Dictionary<string, ConnectorsAndTasks> { ["w1"] = ConnectorsAndTasks.Empty, ["w2"] = ConnectorsAndTasks.Empty };
        var configured = Configured(("a", 2));
        var first = assignor.PerformAssignment(configured, -1, 1, members);
        members = new Dictionary<string, ConnectorsAndTasks> { ["w1"] = first.Held["w1"] };

        var second = assignor.PerformAssignment(configured, 1, 2, members);

        Assert.Equal(3, second.Held["w1"].Count);
        Assert.Equal(0, second.Delay);
    }

    private void Join(params string[] workers)
    {
        foreach (var worker in workers)
        {
            _members[worker] = ConnectorsAndTasks.Empty;
        }
    }

    /// <summary>One rebalance: the members then hold what they were given, minus what was revoked.</summary>
    private ClusterAssignment Round(ConnectorsAndTasks configured)
    {
        var plan = _assignor.PerformAssignment(configured, _generation, _generation + 1, _members);
        _generation++;
        foreach (var member in _members.Keys.ToList())
        {
            _members[member] = plan.Held[member];
        }

        return plan;
    }

    private static ConnectorsAndTasks Configured(params (string Connector, int Tasks)[] connectors) => new(
        connectors.Select(c => c.Connector).ToList(),
        connectors.SelectMany(c => Enumerable.Range(0, c.Tasks).Select(i => new ConnectorTaskId(c.Connector, i))).ToList());
}
