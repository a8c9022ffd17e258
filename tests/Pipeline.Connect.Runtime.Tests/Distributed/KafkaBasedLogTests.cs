using System.Collections.Concurrent;
using System.Text;
using Pipeline.Client.Admin;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Testing.Brokers;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

[Trait("Category", "Integration")]
public sealed class KafkaBasedLogTests
{
    [Fact]
    public async Task ReadToEnd_AnotherInstanceWrote_SeesEveryRecord()
    {
        var options = await OptionsAsync(partitions: 3);
        var readerSeen = new ConcurrentDictionary<string, string>();
        await using var writer = new KafkaBasedLog(options, _ => { });
        await using var reader = new KafkaBasedLog(options, r => readerSeen[Key(r.Message!.Key)] = Encoding.UTF8.GetString(r.Message.Value!));
        await writer.StartAsync(Timeout());
        await reader.StartAsync(Timeout());
        Assert.Empty(readerSeen);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => writer.SendAsync(Bytes($"k{i}"), Bytes($"v{i}"), Timeout())));
        await reader.ReadToEndAsync(Timeout());

        Assert.Equal(60, readerSeen.Count);
        Assert.Equal("v59", readerSeen["k59"]);
        Assert.Equal(3, reader.Partitions.Count);
    }

    [Fact]
    public async Task Start_AfterRestart_ReplaysTheTopic()
    {
        var options = await OptionsAsync(partitions: 2);
        await using (var first = new KafkaBasedLog(options, _ => { }))
        {
            await first.StartAsync(Timeout());
            for (var i = 0; i < 10; i++)
            {
                await first.SendAsync(Bytes($"k{i}"), Bytes($"v{i}"), Timeout());
            }

            await first.SendAsync(Bytes("k3"), null, Timeout());
        }

        var seen = new ConcurrentDictionary<string, string?>();
        await using var second = new KafkaBasedLog(options, r => seen[Key(r.Message!.Key)] = r.Message.Value is null ? null : Encoding.UTF8.GetString(r.Message.Value));
        await second.StartAsync(Timeout());

        // StartAsync returns only once caught up.
        Assert.Equal(10, seen.Count);
        Assert.Null(seen["k3"]);
        Assert.Equal("v9", seen["k9"]);
    }

    [Fact]
    public async Task Start_CreatesACompactedTopicWithThePartitions()
    {
        var options = await OptionsAsync(partitions: 4) with { ReplicationFactor = 3 };
        await using var log = new KafkaBasedLog(options, _ => { });
        await log.StartAsync(Timeout());

        await using var admin = new AdminClient(options.AdminConfig);
        var description = (await admin.DescribeTopicsAsync([options.Topic]))[0];
        Assert.Equal(4, description.Partitions.Count);
        Assert.All(description.Partitions, p => Assert.Single(p.Replicas)); // clamped to the one broker
        var configs = (await admin.DescribeConfigsAsync([ConfigResource.Topic(options.Topic)]))[0];
        Assert.Equal("compact", configs["cleanup.policy"]?.Value);
    }

    internal static async Task<KafkaBasedLogOptions> OptionsAsync(int partitions) =>
        KafkaBasedLogOptions.ForBootstrap(await HostedBroker.SharedBootstrapServersAsync(), $"kbl-{Guid.NewGuid():N}", partitions, 1);

    internal static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Key(byte[]? key) => Encoding.UTF8.GetString(key!);
}
