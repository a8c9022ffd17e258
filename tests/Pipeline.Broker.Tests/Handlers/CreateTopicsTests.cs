using Pipeline.Broker.Tests.Support;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Handlers;

/// <summary>
/// CreateTopics (19): configs, broker defaults (-1), validate-only, the errors Kafka's controller
/// gives (with its messages) for bad partitions, replication factors, configs and names, and the
/// effective configs returned from v5.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CreateTopicsTests : IClassFixture<ThreePartitionBrokerFixture>
{
    private readonly ThreePartitionBrokerFixture _fixture;

    public CreateTopicsTests(ThreePartitionBrokerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task CreateTopics_WithConfigs_CreatesTheTopicWithThoseOverrides(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("create");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 2, 1, ("retention.ms", "12345"), ("cleanup.policy", "compact")), version: version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(topic, result.Name);
        var metadata = await client.TopicMetadataAsync(topic);
        Assert.Equal(2, metadata.Partitions.Count);
        var retention = await client.TopicConfigAsync(topic, "retention.ms");
        Assert.Equal("12345", retention.Value);
        Assert.Equal(1, retention.ConfigSource);
        Assert.Equal("compact", (await client.TopicConfigAsync(topic, "cleanup.policy")).Value);
        if (version >= 7)
        {
            Assert.Equal(metadata.TopicId, result.TopicId);
        }
    }

    [Fact]
    public async Task CreateTopics_MinusOneForPartitionsAndReplication_UsesTheBrokerDefaults()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("defaults");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, -1, -1), version: 7);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(3, result.NumPartitions);
        Assert.Equal(1, result.ReplicationFactor);
        Assert.Equal(3, (await client.TopicMetadataAsync(topic)).Partitions.Count);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public async Task CreateTopics_V5Plus_ReturnsTheEffectiveConfigs(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("configs");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 1, 1, ("segment.bytes", "1048576")), version: version);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.NotNull(result.Configs);
        var configs = result.Configs.ToDictionary(c => c.Name);
        Assert.Equal("1048576", configs["segment.bytes"].Value);
        Assert.Equal(1, configs["segment.bytes"].ConfigSource);
        Assert.Equal("delete", configs["cleanup.policy"].Value);
        Assert.Equal(5, configs["cleanup.policy"].ConfigSource);
        Assert.Contains("max.message.bytes", configs.Keys);
        Assert.Equal(1, result.NumPartitions);
        Assert.Equal(1, result.ReplicationFactor);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public async Task CreateTopics_ValidateOnly_ChecksButCreatesNothing(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("validate");

        var ok = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 4, 1, ("retention.ms", "1000")), validateOnly: true, version: version);
        var bad = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 0, 1), validateOnly: true, version: version);

        Expect.NoError(ok.ErrorCode, ok.ErrorMessage);
        Expect.Error(ErrorCode.InvalidPartitions, bad.ErrorCode);
        if (version >= 5)
        {
            Assert.Equal(4, ok.NumPartitions);
            Assert.Equal("1000", ok.Configs!.Single(c => c.Name == "retention.ms").Value);
        }

        Assert.False(await client.TopicExistsAsync(topic));
        Assert.False(Directory.Exists(Path.Combine(_fixture.Broker.LogDir, $"{topic}-0")));
    }

    [Theory]
    [InlineData(0, "Number of partitions was set to an invalid non-positive value.")]
    [InlineData(-2, "Number of partitions was set to an invalid non-positive value.")]
    public async Task CreateTopics_InvalidPartitionCount_IsInvalidPartitions(int partitions, string message)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("bad-partitions");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, partitions, 1));

        Expect.Error(ErrorCode.InvalidPartitions, result.ErrorCode);
        Assert.Equal(message, result.ErrorMessage);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Theory]
    [InlineData(0, "Replication factor must be larger than 0, or -1 to use the default value.")]
    [InlineData(-2, "Replication factor must be larger than 0, or -1 to use the default value.")]
    [InlineData(3, "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.")]
    public async Task CreateTopics_InvalidReplicationFactor_IsInvalidReplicationFactor(short replicationFactor, string message)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("bad-rf");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 1, replicationFactor));

        Expect.Error(ErrorCode.InvalidReplicationFactor, result.ErrorCode);
        Assert.Equal(message, result.ErrorMessage);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Theory]
    [InlineData("no.such.config", "1")]
    [InlineData("retention.ms", "soon")]
    [InlineData("cleanup.policy", "shred")]
    [InlineData("min.insync.replicas", "0")]
    [InlineData("retention.ms", null)]
    public async Task CreateTopics_InvalidConfig_IsInvalidConfigWithAMessage(string key, string? value)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("bad-config");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 1, 1, (key, value)));

        Expect.Error(ErrorCode.InvalidConfig, result.ErrorCode, result.ErrorMessage);
        Assert.Contains(key, result.ErrorMessage);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Fact]
    public async Task CreateTopics_InvalidConfigAndInvalidPartitions_ReportsTheConfigFirst()
    {
        // Kafka's controller validates configs before it places partitions.
        await using var client = await _fixture.ConnectAsync();

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(TestTopics.Unique("both"), 0, 1, ("retention.ms", "soon")));

        Expect.Error(ErrorCode.InvalidConfig, result.ErrorCode, result.ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("has space")]
    [InlineData("slash/in/it")]
    [InlineData("ünicode")]
    public async Task CreateTopics_InvalidName_IsInvalidTopicException(string name)
    {
        await using var client = await _fixture.ConnectAsync();

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic(name));

        Expect.Error(ErrorCode.InvalidTopicException, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }

    [Fact]
    public async Task CreateTopics_NameLongerThan249_IsInvalidTopicException()
    {
        await using var client = await _fixture.ConnectAsync();

        var tooLong = await client.CreateTopicAsync(AdminRequests.NewTopic(new string('x', 250)));
        var longest = await client.CreateTopicAsync(AdminRequests.NewTopic(TestTopics.Unique("max").PadRight(249, 'y')));

        Expect.Error(ErrorCode.InvalidTopicException, tooLong.ErrorCode);
        Expect.NoError(longest.ErrorCode, longest.ErrorMessage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task CreateTopics_ExistingTopic_IsTopicAlreadyExists(short version)
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("exists");
        var id = await client.CreateTopicOrFailAsync(topic, 2);

        var again = await client.CreateTopicAsync(AdminRequests.NewTopic(topic, 5), version: version);

        Expect.Error(ErrorCode.TopicAlreadyExists, again.ErrorCode);
        Assert.Equal($"Topic '{topic}' already exists.", again.ErrorMessage);
        var metadata = await client.TopicMetadataAsync(topic);
        Assert.Equal(2, metadata.Partitions.Count);
        Assert.Equal(id, metadata.TopicId);
    }

    [Fact]
    public async Task CreateTopics_NameCollidingByDotAndUnderscore_IsInvalidTopicException()
    {
        await using var client = await _fixture.ConnectAsync();
        var stem = TestTopics.Unique("collide");
        await client.CreateTopicOrFailAsync($"{stem}.a");

        var result = await client.CreateTopicAsync(AdminRequests.NewTopic($"{stem}_a"));

        Expect.Error(ErrorCode.InvalidTopicException, result.ErrorCode);
        Assert.Equal($"Topic '{stem}_a' collides with existing topic: {stem}.a", result.ErrorMessage);
    }

    [Fact]
    public async Task CreateTopics_SameNameTwiceInOneRequest_IsInvalidRequestOnce()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("twice");

        var response = await client.SendAsync<CreateTopicsResponse>(new CreateTopicsRequest { Topics = [AdminRequests.NewTopic(topic), AdminRequests.NewTopic(topic)] }, 7);

        var result = Assert.Single(response.Topics);
        Expect.Error(ErrorCode.InvalidRequest, result.ErrorCode);
        Assert.Equal("Duplicate topic name.", result.ErrorMessage);
        Assert.False(await client.TopicExistsAsync(topic));
    }

    [Fact]
    public async Task CreateTopics_SeveralTopics_AnswersEachOnItsOwn()
    {
        await using var client = await _fixture.ConnectAsync();
        var good = TestTopics.Unique("good");
        var bad = TestTopics.Unique("bad");

        var response = await client.SendAsync<CreateTopicsResponse>(
            new CreateTopicsRequest { Topics = [AdminRequests.NewTopic(good, 2), AdminRequests.NewTopic(bad, 0)] }, 4);

        var byName = response.Topics.ToDictionary(t => t.Name);
        Expect.NoError(byName[good].ErrorCode);
        Expect.Error(ErrorCode.InvalidPartitions, byName[bad].ErrorCode);
        Assert.True(await client.TopicExistsAsync(good));
    }

    [Fact]
    public async Task CreateTopics_ManualAssignment_PlacesPartitionsOnThisNode()
    {
        await using var client = await _fixture.ConnectAsync();
        var topic = TestTopics.Unique("manual");
        var spec = AdminRequests.NewTopic(topic, -1, -1);
        spec.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = 0, BrokerIds = [_fixture.NodeId] });
        spec.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = 1, BrokerIds = [_fixture.NodeId] });

        var result = await client.CreateTopicAsync(spec);

        Expect.NoError(result.ErrorCode, result.ErrorMessage);
        Assert.Equal(2, (await client.TopicMetadataAsync(topic)).Partitions.Count);
    }

    [Theory]
    [InlineData(2, -1)]
    [InlineData(-1, 1)]
    public async Task CreateTopics_ManualAssignmentWithCountOrReplication_IsInvalidRequest(int partitions, short replicationFactor)
    {
        await using var client = await _fixture.ConnectAsync();
        var spec = AdminRequests.NewTopic(TestTopics.Unique("manual-bad"), partitions, replicationFactor);
        spec.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = 0, BrokerIds = [_fixture.NodeId] });

        var result = await client.CreateTopicAsync(spec);

        Expect.Error(ErrorCode.InvalidRequest, result.ErrorCode);
    }

    [Fact]
    public async Task CreateTopics_ManualAssignmentToUnknownBroker_IsInvalidReplicaAssignment()
    {
        await using var client = await _fixture.ConnectAsync();
        var spec = AdminRequests.NewTopic(TestTopics.Unique("manual-nobody"), -1, -1);
        spec.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = 0, BrokerIds = [_fixture.NodeId + 100] });

        var result = await client.CreateTopicAsync(spec);

        Expect.Error(ErrorCode.InvalidReplicaAssignment, result.ErrorCode);
    }
}
