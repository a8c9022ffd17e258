using Pipeline.Protocol.Records;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>A stored batch as fetched back from the broker: its header and its records (decompressed).</summary>
public sealed record StoredBatch(DecodedBatch Header, IReadOnlyList<StoredRecord> Records);

/// <summary>A stored record, decoded with the protocol library's reader.</summary>
public sealed record StoredRecord(long Offset, long Timestamp, string? Key, string? Value, IReadOnlyList<KeyValuePair<string, string?>> Headers);

/// <summary>Reads back what the producer wrote, bypassing the client under test (raw Fetch through Pipeline.Testing's test client).</summary>
public static class StoredBatches
{
    public static async Task<IReadOnlyList<StoredBatch>> ReadAsync(HostedBroker broker, string topic, int partition)
    {
        await using var client = await KafkaTestClient.ConnectAsync(broker.BootstrapServers);
        var result = new List<StoredBatch>();
        using var reader = new RecordBatchReader();
        long next = 0;
        while (true)
        {
            var data = await client.FetchAsync(topic, partition, next);
            Assert.Equal(0, data.ErrorCode);
            var bytes = data.Records.Memory;
            var position = 0;
            foreach (var header in TestRecordBatch.Decode(bytes.Span))
            {
                Assert.True(header.CrcValid, $"batch at offset {header.BaseOffset} has a bad CRC");
                var records = new List<StoredRecord>();
                foreach (var r in reader.Records(bytes.Span.Slice(position, header.TotalSize)))
                {
                    var headers = new List<KeyValuePair<string, string?>>();
                    foreach (var h in r.Headers)
                    {
                        headers.Add(KeyValuePair.Create(System.Text.Encoding.UTF8.GetString(h.Key), h.ValueIsNull ? null : System.Text.Encoding.UTF8.GetString(h.Value)));
                    }

                    records.Add(new StoredRecord(r.Offset, r.Timestamp, r.KeyIsNull ? null : System.Text.Encoding.UTF8.GetString(r.Key),
                        r.ValueIsNull ? null : System.Text.Encoding.UTF8.GetString(r.Value), headers));
                }

                result.Add(new StoredBatch(header, records));
                position += header.TotalSize;
                next = header.NextOffset;
            }

            if (next >= data.HighWatermark || data.Records.Length == 0)
            {
                return result;
            }
        }
    }
}
