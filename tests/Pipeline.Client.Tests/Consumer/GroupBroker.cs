using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Testing.Brokers;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>
/// One in-process broker for the consumer integration tests, tuned for groups: no initial
/// rebalance delay, short minimum session timeouts (so that a silent member is dropped within
/// seconds) and a small __consumer_offsets. Each test uses its own topics and group ids.
/// </summary>
public static class GroupBroker
{
    private static readonly Lazy<Task<HostedBroker>> Broker = new(StartAsync);

    public static Task<HostedBroker> GetAsync() => Broker.Value;

    public static string UniqueGroup(string prefix = "g") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];

    public static async Task<string> TopicAsync(HostedBroker broker, int partitions, string prefix = "c")
    {
        var name = SharedBroker.UniqueTopic(prefix);
        await using var admin = ClientFactory.Admin(broker);
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions }]);
        return name;
    }

    /// <summary>Consumer settings for tests: fast heartbeats and sessions, earliest reset, short timeouts.</summary>
    public static ConsumerOptions Options(HostedBroker broker, string? groupId) => ConsumerOptions.Default with
    {
        BootstrapServers = broker.BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = groupId is not null,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeout = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        MaxPollInterval = TimeSpan.FromSeconds(20),
        FetchMaxWait = TimeSpan.FromMilliseconds(100),
        DefaultApiTimeout = TimeSpan.FromSeconds(20),
    };

    private static async Task<HostedBroker> StartAsync()
    {
        // The in-process brokers block pool threads in fsync and the clients' synchronous APIs
        // block theirs by design; with two cores the pool's default minimum makes every other
        // timer-driven test in the process wait for thread injection.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);

        var broker = await HostedBroker.StartAsync(new Dictionary<string, string>
        {
            ["group.initial.rebalance.delay.ms"] = "0",
            ["group.min.session.timeout.ms"] = "500",
            ["offsets.topic.num.partitions"] = "4",
            ["offsets.topic.replication.factor"] = "1",
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return broker;
    }
}
