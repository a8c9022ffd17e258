using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Testing.Brokers;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

[Trait("Category", "Integration")]
public sealed class DistributedHerderClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan RebalanceDelay = TimeSpan.FromSeconds(4);

    private readonly FakeWorkerRegistry _registry = new();
    private readonly ConcurrentDictionary<string, DistributedHerder> _herders = new(StringComparer.Ordinal);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        var bootstrap = await HostedBroker.SharedBootstrapServersAsync();
        var forwarder = new InProcessForwarder(_herders);
        foreach (var name in new[] { "w1", "w2", "w3" })
        {
            var options = new DistributedHerderOptions
            {
                WorkerId = $"{name}:8083",
                Url = $"http://{name}:8083",
                BootstrapServers = bootstrap,
                GroupId = $"connect-{_id}",
                ConfigTopic = $"configs-{_id}",
                OffsetTopic = $"offsets-{_id}",
                OffsetPartitions = 5,
                StatusTopic = $"status-{_id}",
                StatusPartitions = 3,
                ScheduledRebalanceMaxDelay = RebalanceDelay,
                SessionTimeout = TimeSpan.FromSeconds(6),
                HeartbeatInterval = TimeSpan.FromSeconds(1),
                RebalanceTimeout = TimeSpan.FromSeconds(20),
            };
            _herders[options.Url] = new DistributedHerder(options, c => new FakeDistributedWorker(c, _registry), forwarder);
        }

        await Task.WhenAll(_herders.Values.Select(h => h.StartAsync(Timeout(60))));
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_herders.Values.Select(h => h.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Cluster_SpreadsWorkAndMovesAKilledWorkersTasksAfterTheDelay()
    {
        await EventuallyAsync(() => _herders.Values.Count(h => h.IsLeader) == 1 && _herders.Values.All(h => h.LeaderUrl is not null), "a leader");
        foreach (var connector in new[] { "alpha", "beta", "gamma" })
        {
            var result = await OnLeaderAsync(h => h.PutConnectorConfigAsync(connector, new Dictionary<string, string> { ["connector.class"] = "Fake", ["tasks.max"] = "2" }, false, null, Timeout(30)));
            Assert.True(result.Created);
        }

        // 3 connectors + 6 tasks over 3 workers: every worker ends with one connector and two tasks.
        await EventuallyAsync(() => RunningTasks() == 6 && _herders.Values.All(h => h.Assignment.Tasks.Count == 2 && h.Assignment.Connectors.Count == 1), "a balanced assignment");
        var status = await _herders.Values.First().ConnectorStatusAsync("beta", Timeout(10));
        Assert.Equal(StateNames.Running, status.Connector.State);
        await EventuallyAsync(async () => (await Any().ConnectorStatusAsync("alpha", Timeout(10))).Tasks.Count(t => t.State == StateNames.Running) == 2, "task statuses");
        Assert.Equal(3, _herders.Values.Select(h => h.WorkerId).Intersect(AllStatusWorkers()).Count());

        // Kill a follower: no LeaveGroup, its heartbeats just stop.
        var victim = _herders.Values.First(h => !h.IsLeader);
        var lostTasks = victim.Assignment.Tasks.ToList();
        var generationBefore = _herders.Values.First(h => h != victim).Generation;
        _herders.TryRemove(_herders.First(kv => kv.Value == victim).Key, out _);
        var killedAt = Stopwatch.StartNew();
        await victim.AbandonAsync();

        // The survivors rebalance once the session times out, and hold the lost tasks back for the delay.
        await EventuallyAsync(() => _herders.Values.All(h => h.Generation > generationBefore), "the rebalance after the session timeout", TimeSpan.FromSeconds(30));
        var rebalancedAt = killedAt.Elapsed;
        Assert.DoesNotContain(_herders.Values.SelectMany(h => h.Assignment.Tasks), t => lostTasks.Contains(t));

        await EventuallyAsync(() => lostTasks.All(t => _herders.Values.Any(h => h.Assignment.Tasks.Contains(t))) && RunningTasks() == 6, "the lost tasks reassigned", TimeSpan.FromSeconds(40));
        var reassignedAt = killedAt.Elapsed;
        Assert.True(reassignedAt - rebalancedAt >= RebalanceDelay - TimeSpan.FromMilliseconds(1500), $"reassigned {reassignedAt - rebalancedAt} after the first rebalance; expected about {RebalanceDelay}");
        Assert.All(_herders.Values, h => Assert.Equal(3, h.Assignment.Tasks.Count));
        await EventuallyAsync(
            async () => (await Any().ConnectorStatusAsync(lostTasks[0].Connector, Timeout(10))).Tasks.Where(t => lostTasks.Contains(new ConnectorTaskId(lostTasks[0].Connector, t.Id))).All(t => t.State == StateNames.Running && t.WorkerId != victim.WorkerId),
            "the moved tasks reported running by their new workers");
        Assert.Empty(_registry.Violations);
    }

    [Fact]
    public async Task Cluster_FollowerWritesAreRefusedWithTheLeadersUrl_AndPauseStopDeleteReachEveryWorker()
    {
        await EventuallyAsync(() => _herders.Values.Count(h => h.IsLeader) == 1 && _herders.Values.All(h => h.LeaderUrl is not null), "a leader");
        var leader = _herders.Values.Single(h => h.IsLeader);
        var follower = _herders.Values.First(h => !h.IsLeader);

        var refused = await Assert.ThrowsAsync<NotLeaderException>(() => follower.PutConnectorConfigAsync("c", new Dictionary<string, string> { ["connector.class"] = "Fake", ["tasks.max"] = "3" }, false, null, Timeout(10)));
        Assert.Equal(_herders.Single(kv => kv.Value == leader).Key, refused.LeaderUrl);
        var invalid = await Assert.ThrowsAsync<ConnectRestException>(() => leader.PutConnectorConfigAsync("c", new Dictionary<string, string> { ["tasks.max"] = "3" }, false, null, Timeout(10)));
        Assert.Equal(400, invalid.Status);

        await leader.PutConnectorConfigAsync("c", new Dictionary<string, string> { ["connector.class"] = "Fake", ["tasks.max"] = "3" }, false, null, Timeout(10));
        await Assert.ThrowsAsync<ConnectRestException>(() => leader.PutConnectorConfigAsync("c", new Dictionary<string, string> { ["connector.class"] = "Fake" }, false, null, Timeout(10)));
        await EventuallyAsync(() => RunningTasks() == 3, "three tasks");

        // Pause goes through the config topic (any worker may write it); every worker acts.
        await follower.SetTargetStateAsync("c", TargetState.Paused, Timeout(10));
        await EventuallyAsync(async () => (await Any().ConnectorStatusAsync("c", Timeout(10))).Tasks.Count(t => t.State == StateNames.Paused) == 3, "paused tasks");

        await follower.SetTargetStateAsync("c", TargetState.Started, Timeout(10));
        await EventuallyAsync(async () => (await Any().ConnectorStatusAsync("c", Timeout(10))).Tasks.Count(t => t.State == StateNames.Running) == 3, "resumed tasks");

        // Stop: the leader writes zero tasks; offsets may then be altered.
        await Assert.ThrowsAsync<NotLeaderException>(() => follower.SetTargetStateAsync("c", TargetState.Stopped, Timeout(10)));
        await leader.SetTargetStateAsync("c", TargetState.Stopped, Timeout(10));
        await EventuallyAsync(() => RunningTasks() == 0, "no tasks after stop");
        Assert.Empty(await follower.TaskConfigsAsync("c", Timeout(10)));
        var partition = System.Text.Json.JsonDocument.Parse("""{"file":"a.txt"}""").RootElement;
        var offset = System.Text.Json.JsonDocument.Parse("""{"position":42}""").RootElement;
        await leader.AlterConnectorOffsetsAsync("c", new ConnectorOffsets([new ConnectorOffset(partition, offset)]), Timeout(10));
        var stored = await follower.ConnectorOffsetsAsync("c", Timeout(10));
        Assert.Equal(42, Assert.Single(stored.Offsets).Offset!.Value.GetProperty("position").GetInt32());

        await leader.DeleteConnectorAsync("c", Timeout(10));
        await EventuallyAsync(async () => (await follower.ConnectorsAsync(Timeout(10))).Count == 0, "the connector gone everywhere");
        await Assert.ThrowsAsync<ConnectRestException>(() => follower.ConnectorInfoAsync("c", Timeout(10)));
        Assert.Empty(_registry.Violations);
    }

    private int RunningTasks() => _registry.Snapshot().Keys.Count(k => k.StartsWith("task ", StringComparison.Ordinal));

    private IEnumerable<string> AllStatusWorkers() =>
        _herders.Values.First().StatusStore.GetAll("alpha").Values
            .Concat(_herders.Values.First().StatusStore.GetAll("beta").Values)
            .Concat(_herders.Values.First().StatusStore.GetAll("gamma").Values)
            .Select(s => s.WorkerId)
            .Distinct();

    private DistributedHerder Any() => _herders.Values.First();

    private async Task<T> OnLeaderAsync<T>(Func<DistributedHerder, Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var leader = _herders.Values.FirstOrDefault(h => h.IsLeader) ?? _herders.Values.First();
            try
            {
                return await call(leader);
            }
            catch (NotLeaderException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        await EventuallyAsync(() => Task.FromResult(condition()), what, within);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(45);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (ConnectRestException)
            {
            }

            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Stands in for the REST hop: the follower's task configs go straight to the herder behind the leader's URL.</summary>
    private sealed class InProcessForwarder(ConcurrentDictionary<string, DistributedHerder> herders) : ITaskConfigForwarder
    {
        public Task ForwardAsync(string leaderUrl, string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> taskConfigs, CancellationToken cancellationToken) =>
            herders.TryGetValue(leaderUrl, out var leader)
                ? leader.PutTaskConfigsAsync(connector, taskConfigs, cancellationToken)
                : throw new HttpRequestException($"no worker at {leaderUrl}");
    }
}
