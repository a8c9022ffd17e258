using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Interop.Tests.Support;

/// <summary>Produces test records with our raw client (one batch per partition), for tests whose client under test only consumes.</summary>
public static class RawProducer
{
    /// <summary>Returns the records as acknowledged, each at the offset the broker gave it.</summary>
    public static async Task<IReadOnlyList<InteropRecord>> ProduceAsync(this BrokerProcess broker, string topic, IReadOnlyList<(int Partition, TestRecord Record)> records)
    {
        await using var client = await broker.ConnectAsync();
        var produced = new List<InteropRecord>();
        foreach (var byPartition in records.GroupBy(r => r.Partition))
        {
            var batch = byPartition.Select(r => r.Record).ToArray();
            var result = await client.ProduceAsync(topic, byPartition.Key, batch);
            Assert.True(result.ErrorCode == 0, $"produce to {topic}-{byPartition.Key} failed with error {result.ErrorCode}\n{broker.Output}");
            produced.AddRange(batch.Select((r, i) => new InteropRecord(byPartition.Key, result.BaseOffset + i, r, Kind: "produced")));
        }

        return produced;
    }
}
