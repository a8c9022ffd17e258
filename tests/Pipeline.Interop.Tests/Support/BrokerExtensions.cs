using Pipeline.Protocol;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Interop.Tests.Support;

/// <summary>Setup steps done with our own raw client, so a client under test only does what it is tested for.</summary>
public static class BrokerExtensions
{
    public static async Task CreateTopicAsync(this BrokerProcess broker, string topic, int partitions, IReadOnlyDictionary<string, string>? configs = null)
    {
        await using var client = await broker.ConnectAsync();
        var error = await client.CreateTopicAsync(topic, partitions, configs);
        Assert.True(error == ErrorCode.None, $"CreateTopics {topic} ({partitions} partitions) failed with {error}\n{broker.Output}");
    }

    /// <summary>The batches stored for each partition, read from the segment files.</summary>
    public static IReadOnlyList<DecodedBatch> StoredBatches(this BrokerProcess broker, string topic, int partition) =>
        SegmentFiles.ReadBatches(broker.LogDir, topic, partition);

    /// <summary>A file for a script's input, inside the broker's temp directory (deleted with it).</summary>
    public static string InputFile(this BrokerProcess broker, string name) => Path.Combine(broker.DataDirectory, name);
}
