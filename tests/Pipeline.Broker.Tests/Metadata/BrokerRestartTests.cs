using Pipeline.Broker.Metadata;
using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol.Primitives;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Metadata;

/// <summary>
/// What a clean restart (dispose, start on the same dirs) keeps: cluster id, topics with their ids,
/// partition counts and config overrides, records, log start offsets; deleted topics stay deleted
/// and their directories go. Without the metadata file, topics are rebuilt from the partition
/// directories (ids and partition counts; overrides are lost, as documented).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerRestartTests
{
    [Fact]
    public async Task Broker_Restart_KeepsTopicsIdsConfigsPartitionsAndRecords()
    {
        await using var broker = await InProcessBroker.StartAsync();
        var clusterId = broker.Server.ClusterId;
        Uuid logsId, growingId;
        await using (var client = await broker.ConnectAsync())
        {
            logsId = await client.CreateTopicOrFailAsync("logs", 2, ("retention.ms", "86400000"));
            growingId = await client.CreateTopicOrFailAsync("growing");
            await client.CreateTopicOrFailAsync("doomed");
            Expect.NoError((await client.ProduceAsync("logs", 0, TestRecord.Of("a", "0"), TestRecord.Of("a", "1"), TestRecord.Of("a", "2"))).ErrorCode);
            Expect.NoError((await client.ProduceAsync("logs", 1, TestRecord.Of("b", "0"))).ErrorCode);
            Expect.NoError((await client.IncrementalAlterTopicAsync("logs", false, ("segment.ms", ConfigOp.Set, "600000"))).ErrorCode);
            var grown = await client.SendAsync<CreatePartitionsResponse>(new CreatePartitionsRequest { Topics = [new() { Name = "growing", Count = 3, Assignments = null }], TimeoutMs = 10_000 }, 3);
            Expect.NoError(grown.Results.Single().ErrorCode);
            Expect.NoError((await client.DeleteTopicAsync("doomed")).ErrorCode);
            var deleted = await client.SendAsync<DeleteRecordsResponse>(new DeleteRecordsRequest { Topics = [new() { Name = "logs", Partitions = [new() { PartitionIndex = 0, Offset = 1 }] }], TimeoutMs = 10_000 }, 2);
            Expect.NoError(deleted.Topics.Single().Partitions.Single().ErrorCode);
        }

        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        Assert.Equal(clusterId, broker.Server.ClusterId);
        var logs = await after.TopicMetadataAsync("logs");
        Assert.Equal((logsId, 2), (logs.TopicId, logs.Partitions.Count));
        var growing = await after.TopicMetadataAsync("growing");
        Assert.Equal((growingId, 3), (growing.TopicId, growing.Partitions.Count));
        Assert.False(await after.TopicExistsAsync("doomed"), broker.Log);
        Assert.Equal(("86400000", (sbyte)1), await ValueAndSourceAsync(after, "logs", "retention.ms"));
        Assert.Equal(("600000", (sbyte)1), await ValueAndSourceAsync(after, "logs", "segment.ms"));
        Assert.Equal(1, (await after.ListOffsetAsync("logs", 0, KafkaTestOperations.Earliest)).Offset);
        Assert.Equal([TestRecord.Of("a", "1"), TestRecord.Of("a", "2")], await after.FetchAllAsync("logs", 0, 1));
        Assert.Equal([TestRecord.Of("b", "0")], await after.FetchAllAsync("logs", 1));
        Assert.Equal(3, (await after.ProduceAsync("logs", 0, TestRecord.Of("a", "3"))).BaseOffset);
        Expect.NoError((await after.ProduceAsync("growing", 2, TestRecord.Of("g", "2"))).ErrorCode);
    }

    [Fact]
    public async Task DeleteTopics_RemovesThePartitionDirectoriesForGood()
    {
        await using var broker = await InProcessBroker.StartAsync(new Dictionary<string, string> { ["log.segment.delete.delay.ms"] = "0" });
        await using (var client = await broker.ConnectAsync())
        {
            await client.CreateTopicOrFailAsync("gone", 3);
            Expect.NoError((await client.ProduceAsync("gone", 1, TestRecord.Of("k", "v"))).ErrorCode);
            Assert.Equal(3, TopicDirectories(broker, "gone").Count);

            Expect.NoError((await client.DeleteTopicAsync("gone")).ErrorCode);
        }

        await WaitUntilAsync(() => TopicDirectories(broker, "gone").Count == 0, TimeSpan.FromSeconds(10), () => string.Join(", ", TopicDirectories(broker, "gone")));
        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        Assert.False(await after.TopicExistsAsync("gone"));
        Assert.Empty(TopicDirectories(broker, "gone"));
    }

    [Fact]
    public async Task Broker_RestartWithoutTheMetadataFile_RebuildsTopicsFromThePartitionDirectories()
    {
        await using var broker = await InProcessBroker.StartAsync();
        Uuid id;
        await using (var client = await broker.ConnectAsync())
        {
            id = await client.CreateTopicOrFailAsync("orphan", 3);
            Expect.NoError((await client.ProduceAsync("orphan", 2, TestRecord.Of("k", "kept"))).ErrorCode);
        }

        await broker.StopAsync();
        File.Delete(Path.Combine(broker.LogDir, MetadataStore.FileName));
        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        var t = await after.TopicMetadataAsync("orphan");
        Expect.NoError(t.ErrorCode);
        Assert.Equal((id, 3), (t.TopicId, t.Partitions.Count));
        Assert.Equal([TestRecord.Of("k", "kept")], await after.FetchAllAsync("orphan", 2));
        Assert.True(File.Exists(Path.Combine(broker.LogDir, MetadataStore.FileName)));
    }

    private static async Task<(string?, sbyte)> ValueAndSourceAsync(KafkaTestClient client, string topic, string key)
    {
        var c = await client.TopicConfigAsync(topic, key);
        return (c.Value, c.ConfigSource);
    }

    /// <summary>Directories of the topic's partitions, including ones renamed for deletion.</summary>
    private static List<string> TopicDirectories(InProcessBroker broker, string topic) =>
        Directory.EnumerateDirectories(broker.LogDir).Select(Path.GetFileName).Where(n => n!.StartsWith(topic + "-", StringComparison.Ordinal)).Select(n => n!).ToList();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still there after {timeout}: {describe()}");
            await Task.Delay(50);
        }
    }
}
