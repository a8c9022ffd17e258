using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>Proves a broker still works: on a fresh connection, Metadata, CreateTopics, Produce
/// (acks=all) and Fetch of what was produced.</summary>
public static class ServingCheck
{
    public static async Task AssertServesAsync(Func<Task<KafkaTestClient>> connect, Func<string> context)
    {
        await using var client = await connect();
        var meta = await client.MetadataAsync();
        Assert.True(meta.Brokers.Count == 1, $"Metadata after the fault lists {meta.Brokers.Count} brokers\n{context()}");

        var topic = $"probe-{Guid.NewGuid():N}"[..16];
        var created = await client.CreateTopicAsync(topic);
        Assert.True(created == ErrorCode.None, $"CreateTopics after the fault: {created}\n{context()}");
        var record = TestRecord.Of("probe-key", "probe-value", ("h", "v"));
        var produced = await client.ProduceAsync(topic, 0, record);
        Assert.True(produced.ErrorCode == 0, $"Produce after the fault: {(ErrorCode)produced.ErrorCode}\n{context()}");
        Assert.Equal(0, produced.BaseOffset);

        var fetched = await client.FetchAllAsync(topic, 0);
        Assert.Equal([record], fetched);
    }
}
