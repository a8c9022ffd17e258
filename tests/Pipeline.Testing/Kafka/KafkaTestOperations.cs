using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Testing.Kafka;

/// <summary>
/// One-call versions of the requests integration tests make most, at fixed, commonly used versions
/// (the ones Java clients 3.x send). They return the broker's answer as is; asserting is the test's job.
/// </summary>
public static class KafkaTestOperations
{
    public const short MetadataVersion = 12;
    public const short CreateTopicsVersion = 7;
    public const short ProduceVersion = 9;
    public const short FetchVersion = 12;
    public const short ListOffsetsVersion = 7;

    /// <summary>ListOffsets timestamps: -1 = latest (log end offset / high watermark), -2 = earliest.</summary>
    public const long Latest = -1;
    public const long Earliest = -2;

    public static async Task<ErrorCode> CreateTopicAsync(this KafkaTestClient client, string name, int partitions = 1, IReadOnlyDictionary<string, string>? configs = null)
    {
        var topic = new CreateTopicsRequest.CreatableTopic { Name = name, NumPartitions = partitions, ReplicationFactor = 1 };
        foreach (var (k, v) in configs ?? new Dictionary<string, string>())
        {
            topic.Configs.Add(new CreateTopicsRequest.CreatableTopicConfig { Name = k, Value = v });
        }

        var response = await client.SendAsync<CreateTopicsResponse>(new CreateTopicsRequest { Topics = [topic], TimeoutMs = 10_000 }, CreateTopicsVersion).ConfigureAwait(false);
        return (ErrorCode)response.Topics.Single().ErrorCode;
    }

    public static Task<MetadataResponse> MetadataAsync(this KafkaTestClient client, params string[] topics) =>
        client.SendAsync<MetadataResponse>(
            new MetadataRequest
            {
                Topics = topics.Length == 0 ? null : topics.Select(t => new MetadataRequest.MetadataRequestTopic { Name = t }).ToList(),
                AllowAutoTopicCreation = false,
            },
            MetadataVersion);

    /// <summary>Produces one record set (one or more batches) to one partition.</summary>
    public static async Task<ProduceResponse.PartitionProduceResponse> ProduceAsync(this KafkaTestClient client, string topic, int partition, byte[] records, short acks = -1, short version = ProduceVersion)
    {
        var request = new ProduceRequest
        {
            Acks = acks,
            TimeoutMs = 10_000,
            TopicData =
            [
                new ProduceRequest.TopicProduceData
                {
                    Name = topic,
                    PartitionData = [new ProduceRequest.PartitionProduceData { Index = partition, Records = new RecordSet(records) }],
                },
            ],
        };
        var response = await client.SendAsync<ProduceResponse>(request, version).ConfigureAwait(false);
        return response.Responses.Single().PartitionResponses.Single();
    }

    public static Task<ProduceResponse.PartitionProduceResponse> ProduceAsync(this KafkaTestClient client, string topic, int partition, params TestRecord[] records) =>
        client.ProduceAsync(topic, partition, TestRecordBatch.Build(records));

    /// <summary>One fetch of one partition; the records stay as bytes (decode them with <see cref="TestRecordBatch"/>).</summary>
    public static async Task<FetchResponse.PartitionData> FetchAsync(this KafkaTestClient client, string topic, int partition, long offset, int maxBytes = 1 << 20, int maxWaitMs = 0)
    {
        var request = new FetchRequest
        {
            ReplicaId = -1,
            MaxWaitMs = maxWaitMs,
            MinBytes = 1,
            MaxBytes = maxBytes,
            Topics =
            [
                new FetchRequest.FetchTopic
                {
                    Topic = topic,
                    Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = maxBytes }],
                },
            ],
        };
        var response = await client.SendAsync<FetchResponse>(request, FetchVersion).ConfigureAwait(false);
        if (response.ErrorCode != 0)
        {
            throw new InvalidOperationException($"fetch failed at the top level with {(ErrorCode)response.ErrorCode}");
        }

        return response.Responses.Single().Partitions.Single();
    }

    /// <summary>
    /// Fetches from <paramref name="fromOffset"/> until the high watermark and returns every record
    /// (uncompressed batches only). Fails on a partition error, a corrupt batch, or no progress.
    /// </summary>
    public static async Task<IReadOnlyList<TestRecord>> FetchAllAsync(this KafkaTestClient client, string topic, int partition, long fromOffset = 0)
    {
        var records = new List<TestRecord>();
        var next = fromOffset;
        while (true)
        {
            var data = await client.FetchAsync(topic, partition, next).ConfigureAwait(false);
            if (data.ErrorCode != 0)
            {
                throw new InvalidOperationException($"fetch {topic}-{partition} at {next} failed with {(ErrorCode)data.ErrorCode}");
            }

            foreach (var batch in TestRecordBatch.Decode(data.Records.Memory.Span))
            {
                if (!batch.CrcValid)
                {
                    throw new InvalidDataException($"fetch {topic}-{partition} at {next} returned a batch at offset {batch.BaseOffset} whose CRC is wrong");
                }

                foreach (var r in batch.Records ?? throw new NotSupportedException("compressed batch"))
                {
                    if (r.Offset >= next)
                    {
                        records.Add(r);
                    }
                }

                next = Math.Max(next, batch.NextOffset);
            }

            if (next >= data.HighWatermark)
            {
                return records;
            }

            if (data.Records.Length == 0)
            {
                throw new InvalidOperationException($"fetch {topic}-{partition} at {next} returned nothing below the high watermark {data.HighWatermark}");
            }
        }
    }

    /// <summary>The offset for <paramref name="timestamp"/> (<see cref="Latest"/>, <see cref="Earliest"/> or a time in ms).</summary>
    public static async Task<ListOffsetsResponse.ListOffsetsPartitionResponse> ListOffsetAsync(this KafkaTestClient client, string topic, int partition, long timestamp = Latest)
    {
        var request = new ListOffsetsRequest
        {
            ReplicaId = -1,
            Topics =
            [
                new ListOffsetsRequest.ListOffsetsTopic
                {
                    Name = topic,
                    Partitions = [new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = partition, Timestamp = timestamp }],
                },
            ],
        };
        var response = await client.SendAsync<ListOffsetsResponse>(request, ListOffsetsVersion).ConfigureAwait(false);
        return response.Topics.Single().Partitions.Single();
    }

    /// <summary>The log end offset (ListOffsets latest); throws on a partition error.</summary>
    public static async Task<long> LogEndOffsetAsync(this KafkaTestClient client, string topic, int partition)
    {
        var r = await client.ListOffsetAsync(topic, partition, Latest).ConfigureAwait(false);
        if (r.ErrorCode != 0)
        {
            throw new InvalidOperationException($"ListOffsets {topic}-{partition} failed with {(ErrorCode)r.ErrorCode}");
        }

        return r.Offset;
    }
}
