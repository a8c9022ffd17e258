using Pipeline.Testing.Kafka;

namespace Pipeline.Cli.Tests.Fixtures;

/// <summary>Reads what a topic holds with the raw test client (an oracle independent of the tools and of Pipeline.Client).</summary>
public static class TopicReader
{
    public static async Task<IReadOnlyList<TestRecord>> ReadAsync(string topic, int partition = 0)
    {
        var bootstrap = await CliBroker.BootstrapAsync();
        var port = int.Parse(bootstrap[(bootstrap.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var client = await KafkaTestClient.ConnectAsync("127.0.0.1", port, timeout.Token);
        return await client.FetchAllAsync(topic, partition);
    }
}
