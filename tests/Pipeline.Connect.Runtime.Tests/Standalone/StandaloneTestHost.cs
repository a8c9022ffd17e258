using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Standalone;
using Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;
using Pipeline.Connect.Runtime.Worker;
using Pipeline.Connectors.File.Lines;
using Pipeline.Testing.Brokers;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

/// <summary>A standalone herder on the shared test broker, with its offset file in a temp directory and the test plugins built in.</summary>
internal static class StandaloneTestHost
{
    private static readonly Lazy<PluginRegistry> Registry = new(() =>
        PluginRegistry.Load([typeof(CountingSourceConnector).Assembly, typeof(FileStreamSourceConnector).Assembly], [], NullLogger.Instance));

    public static PluginRegistry Plugins => Registry.Value;

    public static async Task<WorkerConfig> WorkerConfigAsync(string offsetFile, params (string Key, string Value)[] extra)
    {
        var props = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = await HostedBroker.SharedBootstrapServersAsync(),
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = offsetFile,
            ["offset.flush.interval.ms"] = "300",
            ["listeners"] = "http://127.0.0.1:18083",
            ["consumer.metadata.max.age.ms"] = "1000",
        };
        foreach (var (k, v) in extra)
        {
            props[k] = v;
        }

        return new WorkerConfig(props);
    }

    public static async Task<StandaloneHerder> StartAsync(string offsetFile, params (string Key, string Value)[] extra)
    {
        var herder = new StandaloneHerder(await WorkerConfigAsync(offsetFile, extra), Plugins, NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await herder.StartAsync(cts.Token);
        return herder;
    }

    public static string Topic(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for {what}");
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, int seconds = 30) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, seconds);
}
