using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>Produces numbered, uncompressed batches with acks=all through the raw test client.</summary>
public static class BatchProducer
{
    /// <summary>Record j of batch i on partition p is key "p{p}", value "{tag}-{p}-{i}-{j}".</summary>
    public static TestRecord[] Batch(string tag, int partition, int batch, int records) =>
        Enumerable.Range(0, records).Select(j => TestRecord.Of($"p{partition}", $"{tag}-{partition}-{batch}-{j}", ("batch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();

    public static async Task<IReadOnlyList<AckedBatch>> ProduceAsync(KafkaTestClient client, string topic, int partition, int batches, int recordsPerBatch, string tag = "v")
    {
        var acked = new List<AckedBatch>();
        for (var i = 0; i < batches; i++)
        {
            var records = Batch(tag, partition, i, recordsPerBatch);
            var r = await client.ProduceAsync(topic, partition, TestRecordBatch.Build(records));
            Assert.True(r.ErrorCode == 0, $"produce batch {i} to {topic}-{partition}: {(ErrorCode)r.ErrorCode} {r.ErrorMessage}");
            acked.Add(new AckedBatch(partition, r.BaseOffset, records));
        }

        return acked;
    }

    /// <summary>The records of <paramref name="batches"/> in offset order, each at the offset the broker gave it.</summary>
    public static IReadOnlyList<(long Offset, TestRecord Record)> Flatten(IEnumerable<AckedBatch> batches) =>
        batches.OrderBy(b => b.BaseOffset).SelectMany(b => b.Records.Select((r, j) => (b.BaseOffset + j, r))).ToList();
}
