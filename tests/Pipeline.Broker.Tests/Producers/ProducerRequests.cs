using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Producers;

/// <summary>InitProducerId and idempotent batches over the wire, as a producer sends them.</summary>
internal static class ProducerRequests
{
    public static Task<InitProducerIdResponse> InitProducerIdAsync(
        this KafkaTestClient client, string? transactionalId = null, int transactionTimeoutMs = 60_000, long producerId = -1, short producerEpoch = -1, short version = 4) =>
        client.SendAsync<InitProducerIdResponse>(
            new InitProducerIdRequest { TransactionalId = transactionalId, TransactionTimeoutMs = transactionTimeoutMs, ProducerId = producerId, ProducerEpoch = producerEpoch },
            version);

    /// <summary>A batch of <paramref name="count"/> records stamped with the producer's id, epoch and base sequence.</summary>
    public static byte[] Batch(long producerId, short epoch, int sequence, int count = 2, string prefix = "r") =>
        TestRecordBatch.Build(
            [.. Enumerable.Range(0, count).Select(i => TestRecord.Of($"{prefix}{sequence + i}", $"value-{sequence + i}"))],
            producerId: producerId,
            producerEpoch: epoch,
            baseSequence: sequence);
}
