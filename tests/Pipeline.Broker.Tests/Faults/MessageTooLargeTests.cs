using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>A batch larger than message.max.bytes (or the topic's max.message.bytes) is refused
/// with MESSAGE_TOO_LARGE and leaves the log untouched; the partition keeps accepting smaller ones.</summary>
[Trait("Category", "Integration")]
public sealed class MessageTooLargeTests
{
    [Fact]
    public async Task Produce_RecordAboveMessageMaxBytes_FailsWithMessageTooLargeAndWritesNothing()
    {
        await using var broker = await InProcessBroker.StartAsync(new Dictionary<string, string> { ["message.max.bytes"] = "10000" });
        await using var client = await broker.ConnectAsync();
        Assert.Equal(ErrorCode.None, await client.CreateTopicAsync("limits"));

        var big = await client.ProduceAsync("limits", 0, new TestRecord("k"u8.ToArray(), new byte[20_000]));

        Assert.True(big.ErrorCode == (short)ErrorCode.MessageTooLarge, $"expected MESSAGE_TOO_LARGE, got {(ErrorCode)big.ErrorCode}\n{broker.Log}");
        Assert.Equal(0, await client.LogEndOffsetAsync("limits", 0));
        Assert.Empty(StoredBatches(broker, "limits"));

        var small = await client.ProduceAsync("limits", 0, TestRecord.Of("k", "fits"));
        Assert.Equal(0, small.ErrorCode);
        Assert.Equal(0, small.BaseOffset);
        Assert.Equal([TestRecord.Of("k", "fits")], await client.FetchAllAsync("limits", 0));
    }

    [Fact]
    public async Task Produce_BatchOfSmallRecordsAboveMessageMaxBytes_FailsWithMessageTooLarge()
    {
        await using var broker = await InProcessBroker.StartAsync(new Dictionary<string, string> { ["message.max.bytes"] = "10000" });
        await using var client = await broker.ConnectAsync();
        Assert.Equal(ErrorCode.None, await client.CreateTopicAsync("limits"));
        Assert.Equal(0, (await client.ProduceAsync("limits", 0, TestRecord.Of("a", "b"))).ErrorCode);

        // Five 3,000-byte records: each fits, the batch (what the limit applies to) does not.
        var batch = Enumerable.Range(0, 5).Select(i => new TestRecord([(byte)i], new byte[3_000])).ToArray();
        var response = await client.ProduceAsync("limits", 0, batch);

        Assert.Equal((short)ErrorCode.MessageTooLarge, response.ErrorCode);
        Assert.Equal(1, await client.LogEndOffsetAsync("limits", 0));
        Assert.Equal([TestRecord.Of("a", "b")], await client.FetchAllAsync("limits", 0));
    }

    [Fact]
    public async Task Produce_RecordAboveTopicMaxMessageBytes_FailsWithMessageTooLarge()
    {
        await using var broker = await InProcessBroker.StartAsync();
        await using var client = await broker.ConnectAsync();
        Assert.Equal(ErrorCode.None, await client.CreateTopicAsync("small-topic", configs: new Dictionary<string, string> { ["max.message.bytes"] = "5000" }));

        var big = await client.ProduceAsync("small-topic", 0, new TestRecord(null, new byte[8_000]));
        var fits = await client.ProduceAsync("small-topic", 0, new TestRecord(null, new byte[3_000]));

        Assert.True(big.ErrorCode == (short)ErrorCode.MessageTooLarge, $"expected MESSAGE_TOO_LARGE, got {(ErrorCode)big.ErrorCode}\n{broker.Log}");
        Assert.Equal(0, fits.ErrorCode);
        Assert.Equal(0, fits.BaseOffset);
        Assert.Equal(1, await client.LogEndOffsetAsync("small-topic", 0));
    }

    private static IReadOnlyList<DecodedBatch> StoredBatches(InProcessBroker broker, string topic) =>
        Directory.Exists(Path.Combine(broker.LogDir, $"{topic}-0")) ? SegmentFiles.ReadBatches(broker.LogDir, topic, 0) : [];
}
