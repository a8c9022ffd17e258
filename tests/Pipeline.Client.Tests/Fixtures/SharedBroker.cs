using Pipeline.Testing.Brokers;
namespace Pipeline.Client.Tests.Fixtures;

/// <summary>
/// One in-process broker for every integration test class in the run (each test uses its own
/// topic names), so classes still run in parallel and the broker starts once. Stopped at exit.
/// </summary>
public static class SharedBroker
{
    private static readonly Lazy<Task<HostedBroker>> Broker = new(StartAsync);

    public static Task<HostedBroker> GetAsync() => Broker.Value;

    /// <summary>A topic name no other test uses.</summary>
    public static string UniqueTopic(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];

    private static async Task<HostedBroker> StartAsync()
    {
        var broker = await HostedBroker.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return broker;
    }
}
