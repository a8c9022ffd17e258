using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// AlterConfigs (33, replaces every override) and IncrementalAlterConfigs (44: SET, DELETE,
/// APPEND, SUBTRACT): the change shows in DescribeConfigs and takes effect on the log; invalid
/// values are INVALID_CONFIG; validate-only changes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AlterConfigsTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public AlterConfigsTests(BrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AlterConfigs_ReplacesTheWholeSetOfOverrides(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("replace");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "1000"), ("segment.ms", "2000"));

        var result = await client.AlterTopicConfigsAsync(topic, false, version, ("segment.ms", "3000"), ("cleanup.policy", "compact"));

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal("3000", (await client.TopicConfigAsync(topic, "segment.ms")).Value);
        Assert.Equal("compact", (await client.TopicConfigAsync(topic, "cleanup.policy")).Value);
        var retention = await client.TopicConfigAsync(topic, "retention.ms");
        Assert.Equal("604800000", retention.Value);
        Assert.Equal(5, retention.ConfigSource);
    }

    [Fact]
    public async Task AlterConfigs_InvalidValue_IsInvalidConfigAndChangesNothing()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("replace-bad");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "1000"));

        var result = await client.AlterTopicConfigsAsync(topic, false, 2, ("retention.ms", "2000"), ("segment.bytes", "tiny"));

        Expect.Error(ErrorCode.InvalidConfig, result.ErrorCode, result.ErrorMessage);
        Assert.Contains("segment.bytes", result.ErrorMessage);
        Assert.Equal("1000", (await client.TopicConfigAsync(topic, "retention.ms")).Value);
    }

    [Fact]
    public async Task AlterConfigs_ValidateOnly_ChangesNothing()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("replace-validate");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "1000"));

        var result = await client.AlterTopicConfigsAsync(topic, true, 2, ("retention.ms", "2000"));

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal("1000", (await client.TopicConfigAsync(topic, "retention.ms")).Value);
    }

    [Fact]
    public async Task AlterConfigs_UnknownTopic_IsUnknownTopicOrPartition()
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.AlterTopicConfigsAsync(TestTopics.Unique("ghost"), false, 2, ("retention.ms", "2000"));

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task IncrementalAlterConfigs_SetAndDelete_ChangeOnlyTheNamedKeys(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("incremental");
        await client.CreateTopicOrFailAsync(topic, 1, ("retention.ms", "1000"), ("segment.ms", "2000"));

        var result = await client.IncrementalAlterAsync(AdminRequests.TopicResource, topic, false, version, ("retention.ms", ConfigOp.Delete, null), ("flush.messages", ConfigOp.Set, "500"));

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal("2000", (await client.TopicConfigAsync(topic, "segment.ms")).Value);
        var flush = await client.TopicConfigAsync(topic, "flush.messages");
        Assert.Equal(("500", (sbyte)1), (flush.Value, flush.ConfigSource));
        var retention = await client.TopicConfigAsync(topic, "retention.ms");
        Assert.Equal(("604800000", (sbyte)5), (retention.Value, retention.ConfigSource));
    }

    [Fact]
    public async Task IncrementalAlterConfigs_AppendAndSubtract_EditListConfigs()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("lists");
        await client.CreateTopicOrFailAsync(topic);

        var appended = await client.IncrementalAlterTopicAsync(topic, false, ("cleanup.policy", ConfigOp.Append, "compact"));
        var afterAppend = (await client.TopicConfigAsync(topic, "cleanup.policy")).Value;
        var again = await client.IncrementalAlterTopicAsync(topic, false, ("cleanup.policy", ConfigOp.Append, "compact"));
        var afterAgain = (await client.TopicConfigAsync(topic, "cleanup.policy")).Value;
        var subtracted = await client.IncrementalAlterTopicAsync(topic, false, ("cleanup.policy", ConfigOp.Subtract, "delete"));
        var afterSubtract = (await client.TopicConfigAsync(topic, "cleanup.policy")).Value;

        Expect.NoError(appended.ErrorCode, appended.ErrorMessage);
        Expect.NoError(again.ErrorCode, again.ErrorMessage);
        Expect.NoError(subtracted.ErrorCode, subtracted.ErrorMessage);
        Assert.Equal("delete,compact", afterAppend);
        Assert.Equal("delete,compact", afterAgain);
        Assert.Equal("compact", afterSubtract);
    }

    [Theory]
    [InlineData(ConfigOp.Append)]
    [InlineData(ConfigOp.Subtract)]
    public async Task IncrementalAlterConfigs_AppendOrSubtractOnANonListConfig_IsInvalidConfig(ConfigOp op)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("not-list");
        await client.CreateTopicOrFailAsync(topic);

        var result = await client.IncrementalAlterTopicAsync(topic, false, ("retention.ms", op, "5"));

        Expect.Error(ErrorCode.InvalidConfig, result.ErrorCode, result.ErrorMessage);
        Assert.Equal($"Can't {op.ToString().ToUpperInvariant()} to key retention.ms because its type is not LIST.", result.ErrorMessage);
    }

    [Theory]
    [InlineData("retention.ms", "forever")]
    [InlineData("cleanup.policy", "shred")]
    [InlineData("min.insync.replicas", "0")]
    [InlineData("message.timestamp.type", "WallClock")]
    [InlineData("no.such.config", "1")]
    public async Task IncrementalAlterConfigs_InvalidValue_IsInvalidConfigAndChangesNothing(string key, string value)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("bad-set");
        await client.CreateTopicOrFailAsync(topic, 1, ("segment.ms", "2000"));

        var result = await client.IncrementalAlterTopicAsync(topic, false, ("segment.ms", ConfigOp.Set, "3000"), (key, ConfigOp.Set, value));

        Expect.Error(ErrorCode.InvalidConfig, result.ErrorCode, result.ErrorMessage);
        Assert.Contains(key, result.ErrorMessage);
        Assert.Equal("2000", (await client.TopicConfigAsync(topic, "segment.ms")).Value);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_ValidateOnly_ChecksButChangesNothing()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("inc-validate");
        await client.CreateTopicOrFailAsync(topic);

        var ok = await client.IncrementalAlterTopicAsync(topic, true, ("retention.ms", ConfigOp.Set, "1234"));
        var bad = await client.IncrementalAlterTopicAsync(topic, true, ("retention.ms", ConfigOp.Set, "x"));

        Expect.NoError(ok.ErrorCode, ok.ErrorMessage);
        Expect.Error(ErrorCode.InvalidConfig, bad.ErrorCode);
        Assert.Equal(5, (await client.TopicConfigAsync(topic, "retention.ms")).ConfigSource);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_UnknownTopic_IsUnknownTopicOrPartitionWithKafkasMessage()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("ghost");

        var result = await client.IncrementalAlterTopicAsync(topic, false, ("retention.ms", ConfigOp.Set, "1"));

        Expect.Error(ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Equal($"The topic '{topic}' does not exist.", result.ErrorMessage);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_DuplicateKeys_IsInvalidRequest()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("dupes");
        await client.CreateTopicOrFailAsync(topic);

        var result = await client.IncrementalAlterTopicAsync(topic, false, ("retention.ms", ConfigOp.Set, "1"), ("retention.ms", ConfigOp.Delete, null));

        Expect.Error(ErrorCode.InvalidRequest, result.ErrorCode);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_MaxMessageBytes_TakesEffectOnTheNextProduce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("effect-size");
        await client.CreateTopicOrFailAsync(topic);
        var record = new TestRecord(null, new byte[3_000]);

        Expect.NoError((await client.IncrementalAlterTopicAsync(topic, false, ("max.message.bytes", ConfigOp.Set, "1000"))).ErrorCode);
        var refused = await client.ProduceAsync(topic, 0, record);
        Expect.NoError((await client.IncrementalAlterTopicAsync(topic, false, ("max.message.bytes", ConfigOp.Delete, null))).ErrorCode);
        var accepted = await client.ProduceAsync(topic, 0, record);

        Expect.Error(ErrorCode.MessageTooLarge, refused.ErrorCode);
        Expect.NoError(accepted.ErrorCode, accepted.ErrorMessage);
        Assert.Equal(0, accepted.BaseOffset);
    }

    [Fact]
    public async Task IncrementalAlterConfigs_CleanupPolicyCompact_TakesEffectOnTheNextProduce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("effect-compact");
        await client.CreateTopicOrFailAsync(topic);
        Expect.NoError((await client.ProduceAsync(topic, 0, new TestRecord(null, "v"u8.ToArray()))).ErrorCode);

        Expect.NoError((await client.IncrementalAlterTopicAsync(topic, false, ("cleanup.policy", ConfigOp.Set, "compact"))).ErrorCode);
        var keyless = await client.ProduceAsync(topic, 0, new TestRecord(null, "v"u8.ToArray()));

        Expect.Error(ErrorCode.InvalidRecord, keyless.ErrorCode);
    }

    [Fact]
    public async Task AlterConfigs_MessageTimestampType_TakesEffectOnTheNextProduce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("effect-time");
        await client.CreateTopicOrFailAsync(topic);

        Expect.NoError((await client.AlterTopicConfigsAsync(topic, false, 2, ("message.timestamp.type", "LogAppendTime"))).ErrorCode);
        var produced = await client.ProduceAsync(topic, 0, TestRecordBatch.Build([TestRecord.Of("k", "v")], timestamp: 1_000));

        Expect.NoError(produced.ErrorCode, produced.ErrorMessage);
        Assert.True(produced.LogAppendTimeMs > 1_000_000, $"LogAppendTimeMs was {produced.LogAppendTimeMs}");
    }

    [Fact]
    public async Task AlterConfigs_BrokerResource_IsRefusedWithAMessage()
    {
        // Broker configs are static in this release (documented); Kafka would apply dynamic ones.
        await using var client = await _fixture.ConnectAsync();

        var result = await client.IncrementalAlterAsync(AdminRequests.BrokerResource, "1", false, 1, ("log.cleaner.threads", ConfigOp.Set, "2"));

        Assert.NotEqual(0, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }
}
