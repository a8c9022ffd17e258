using System.Globalization;
using Pipeline.Interop.Tests.Support;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.Idempotence;

/// <summary>
/// Idempotent producers of real clients (InitProducerId, then batches stamped with producer id,
/// epoch and per-partition sequences): confluent-kafka (librdkafka 2.0.2) with
/// <c>enable.idempotence=true</c> and kafkajs 2.2.4 with <c>idempotent: true</c> deliver every
/// record exactly once, in order, and the stored batches carry their producer id with sequences
/// that start at 0 and follow each other. kafka-python 2.0.2 is not here: it has no idempotent
/// (or transactional) producer at all (reference section 4.1; its KafkaProducer has no
/// enable_idempotence setting), so it never sends InitProducerId.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IdempotentProducerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConfluentKafka_EnableIdempotence_EveryRecordOnceInOrder_BatchesCarryTheProducerId()
    {
        const int partitions = 3;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "ck-idempotent";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(3000, partitions);
        var input = broker.InputFile("ck-idempotent.json");
        InteropRecord.WriteInputFile(input, sent);

        var produce = await ClientScripts.ConfluentKafkaAsync("ck_produce.py", [broker.BootstrapServers, topic, input, "lz4", "all", "idempotent"], output);
        Assert.True(produce.ExitCode == 0, $"ck_produce.py idempotent failed:\n{produce.Describe()}\n--- broker ---\n{broker.Output}");
        var consumed = await ConsumeAsync(broker, topic, partitions, sent.Count);

        RecordAssert.Delivered(sent, InteropRecord.ParseLines(produce.OutputLines), consumed, $"confluent-kafka idempotent\n{broker.Output}");
        AssertIdempotentBatches(broker, topic, partitions, sent);
    }

    [Fact]
    public async Task KafkaJs_Idempotent_EveryRecordOnceInOrder_BatchesCarryTheProducerId()
    {
        const int partitions = 3;
        await using var broker = await BrokerProcess.StartAsync(output: output);
        const string topic = "js-idempotent";
        await broker.CreateTopicAsync(topic, partitions);
        var sent = InteropData.Records(300, partitions);
        var input = broker.InputFile("js-idempotent.json");
        InteropRecord.WriteInputFile(input, sent);

        var produce = await ClientScripts.NodeAsync("produce.js", [broker.BootstrapServers, topic, input, "idempotent"], output);
        Assert.True(produce.ExitCode == 0, $"produce.js idempotent:\n{produce.Describe()}\n--- broker ---\n{broker.Output}");
        var consumed = await ConsumeAsync(broker, topic, partitions, sent.Count);

        RecordAssert.Delivered(sent, InteropRecord.ParseLines(produce.OutputLines, "produced"), consumed, $"kafkajs idempotent\n{broker.Output}");
        var batches = AssertIdempotentBatches(broker, topic, partitions, sent);
        Assert.True(batches > partitions, $"kafkajs sent {batches} batches: the sequences never continued across requests");
    }

    // Every stored batch has the one producer id at epoch 0; per partition the sequences start at
    // 0 and each batch starts where the previous one ended (nothing stored twice, nothing lost).
    private static int AssertIdempotentBatches(BrokerProcess broker, string topic, int partitions, IReadOnlyList<(int Partition, TestRecord Record)> sent)
    {
        var producerIds = new HashSet<long>();
        var total = 0;
        for (var p = 0; p < partitions; p++)
        {
            var batches = broker.StoredBatches(topic, p);
            Assert.NotEmpty(batches);
            var expectedSequence = 0;
            foreach (var b in batches)
            {
                Assert.True(b.ProducerId >= 0, $"partition {p}: the batch at offset {b.BaseOffset} has no producer id");
                Assert.Equal(0, b.ProducerEpoch);
                Assert.True(expectedSequence == b.BaseSequence, $"partition {p}: the batch at offset {b.BaseOffset} starts at sequence {b.BaseSequence}, expected {expectedSequence}");
                expectedSequence += b.LastOffsetDelta + 1;
                producerIds.Add(b.ProducerId);
            }

            Assert.Equal(sent.Count(s => s.Partition == p), expectedSequence);
            total += batches.Count;
        }

        Assert.Single(producerIds);
        return total;
    }

    private async Task<IReadOnlyList<InteropRecord>> ConsumeAsync(BrokerProcess broker, string topic, int partitions, int count)
    {
        var consume = await ClientScripts.ConfluentKafkaAsync(
            "ck_consume.py",
            [broker.BootstrapServers, topic, partitions.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), "30"],
            output);
        Assert.True(consume.ExitCode == 0, $"ck_consume.py failed:\n{consume.Describe()}\n--- broker ---\n{broker.Output}");
        return InteropRecord.ParseLines(consume.OutputLines);
    }
}
