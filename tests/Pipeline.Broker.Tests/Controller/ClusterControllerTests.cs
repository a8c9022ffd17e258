using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Handlers;
using Pipeline.Broker.Metadata;
using Pipeline.Protocol;
using Pipeline.Testing.IO;
using Xunit;

namespace Pipeline.Broker.Tests.Controller;

/// <summary>
/// The single-node controller on its own: every accepted change is saved and published to the
/// listeners before the call returns, rejected and validate-only changes are neither, and
/// changes are totally ordered.
/// </summary>
public sealed class ClusterControllerTests : IDisposable
{
    private const int NodeId = 7;

    private readonly TempDirectory _dir = new("controller-test");
    private readonly MetadataStore _store;
    private readonly RecordingListener _listener = new();
    private readonly ClusterController _controller;

    public ClusterControllerTests()
    {
        _store = new MetadataStore(_dir.Path);
        var options = new ControllerOptions(NodeId, 2, 1, configs => TopicConfigValidation.Validate(configs, new Dictionary<string, string>()));
        _controller = new ClusterController(_store, MetadataImage.Empty.WithClusterId("test-cluster"), options, NullLoggerFactory.Instance);
        _controller.AddListener(_listener);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CreateTopic_Accepted_IsSavedAndPublishedBeforeItReturns()
    {
        var (error, topic) = await _controller.CreateTopicAsync(Spec("orders", 3, ("retention.ms", "1000")), validateOnly: false);

        Assert.False(error.IsError, error.Message);
        Assert.NotNull(topic);
        Assert.Equal(3, topic.PartitionCount);
        Assert.All(topic.Partitions, p =>
        {
            Assert.Equal((NodeId, 0), (p.Leader, p.LeaderEpoch));
            Assert.Equal([NodeId], p.Replicas);
            Assert.Equal([NodeId], p.Isr);
        });
        var (previous, current) = Assert.Single(_listener.Changes);
        Assert.False(previous.TopicsByName.ContainsKey("orders"));
        Assert.Same(topic, current.TopicsByName["orders"]);
        Assert.Same(current, _controller.Image);
        var saved = _store.Load("test-cluster");
        Assert.Equal(topic.TopicId, saved.TopicsByName["orders"].TopicId);
        Assert.Equal("1000", saved.TopicsByName["orders"].Configs["retention.ms"]);
    }

    [Fact]
    public async Task CreateTopic_MinusOnePartitions_UsesTheDefault()
    {
        var (_, topic) = await _controller.CreateTopicAsync(Spec("defaults", -1), validateOnly: false);

        Assert.Equal(2, topic!.PartitionCount);
    }

    [Fact]
    public async Task CreateTopic_ValidateOnly_ReturnsTheTopicButChangesNothing()
    {
        var (error, topic) = await _controller.CreateTopicAsync(Spec("dry", 4), validateOnly: true);

        Assert.False(error.IsError);
        Assert.Equal(4, topic!.PartitionCount);
        Assert.Empty(_listener.Changes);
        Assert.False(_controller.Image.TopicsByName.ContainsKey("dry"));
        Assert.False(_store.Exists);
    }

    [Theory]
    [InlineData("bad name", 1, ErrorCode.InvalidTopicException)]
    [InlineData("ok", 0, ErrorCode.InvalidPartitions)]
    [InlineData("ok", -3, ErrorCode.InvalidPartitions)]
    public async Task CreateTopic_Rejected_PublishesNothing(string name, int partitions, ErrorCode expected)
    {
        var (error, topic) = await _controller.CreateTopicAsync(Spec(name, partitions), validateOnly: false);

        Assert.Equal(expected, error.Code);
        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.Null(topic);
        Assert.Empty(_listener.Changes);
    }

    [Fact]
    public async Task CreateTopic_InvalidConfig_IsInvalidConfig()
    {
        var (error, _) = await _controller.CreateTopicAsync(Spec("cfg", 1, ("segment.bytes", "-5")), validateOnly: false);

        Assert.Equal(ErrorCode.InvalidConfig, error.Code);
        Assert.Contains("segment.bytes", error.Message);
    }

    [Fact]
    public async Task CreateTopic_SameNameConcurrently_SucceedsExactlyOnce()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _controller.CreateTopicAsync(Spec("race", 1), validateOnly: false))));

        Assert.Equal(1, attempts.Count(a => !a.Error.IsError));
        Assert.All(attempts.Where(a => a.Error.IsError), a => Assert.Equal(ErrorCode.TopicAlreadyExists, a.Error.Code));
        Assert.Single(_listener.Changes);
    }

    [Fact]
    public async Task DeleteTopic_Existing_PublishesAnImageWithoutIt()
    {
        var (_, topic) = await _controller.CreateTopicAsync(Spec("temp", 1), validateOnly: false);

        var error = await _controller.DeleteTopicAsync("temp");

        Assert.False(error.IsError);
        Assert.False(_controller.Image.TopicsByName.ContainsKey("temp"));
        Assert.False(_controller.Image.TopicsById.ContainsKey(topic!.TopicId));
        Assert.Equal(2, _listener.Changes.Count);
        Assert.Empty(_store.Load("test-cluster").TopicsByName);
    }

    [Fact]
    public async Task DeleteTopic_Unknown_IsUnknownTopicOrPartition()
    {
        var error = await _controller.DeleteTopicAsync("never");

        Assert.Equal(ErrorCode.UnknownTopicOrPartition, error.Code);
        Assert.Empty(_listener.Changes);
    }

    [Fact]
    public async Task CreatePartitions_Increase_KeepsTheIdAndAddsPartitionsLedByThisNode()
    {
        var (_, before) = await _controller.CreateTopicAsync(Spec("grow", 1), validateOnly: false);

        var error = await _controller.CreatePartitionsAsync("grow", 4, null, validateOnly: false);

        Assert.False(error.IsError, error.Message);
        var after = _controller.Image.TopicsByName["grow"];
        Assert.Equal(before!.TopicId, after.TopicId);
        Assert.Equal([0, 1, 2, 3], after.Partitions.Select(p => p.Index));
        Assert.All(after.Partitions, p => Assert.Equal(NodeId, p.Leader));
    }

    [Fact]
    public async Task CreatePartitions_ValidateOnly_ChangesNothing()
    {
        await _controller.CreateTopicAsync(Spec("grow-dry", 1), validateOnly: false);

        var error = await _controller.CreatePartitionsAsync("grow-dry", 4, null, validateOnly: true);

        Assert.False(error.IsError);
        Assert.Equal(1, _controller.Image.TopicsByName["grow-dry"].PartitionCount);
        Assert.Single(_listener.Changes);
    }

    [Fact]
    public async Task AlterTopicConfigs_Valid_ReplacesTheOverrides()
    {
        await _controller.CreateTopicAsync(Spec("alter", 1, ("retention.ms", "1000")), validateOnly: false);

        var error = await _controller.AlterTopicConfigsAsync("alter", _ => (ApiError.None, new Dictionary<string, string> { ["segment.ms"] = "5000" }), validateOnly: false);

        Assert.False(error.IsError, error.Message);
        Assert.Equal(new Dictionary<string, string> { ["segment.ms"] = "5000" }, _controller.Image.TopicsByName["alter"].Configs);
        Assert.Equal("5000", _store.Load("test-cluster").TopicsByName["alter"].Configs["segment.ms"]);
    }

    [Fact]
    public async Task AlterTopicConfigs_InvalidResult_IsInvalidConfigAndPublishesNothing()
    {
        await _controller.CreateTopicAsync(Spec("alter-bad", 1), validateOnly: false);

        var error = await _controller.AlterTopicConfigsAsync("alter-bad", _ => (ApiError.None, new Dictionary<string, string> { ["segment.ms"] = "soon" }), validateOnly: false);

        Assert.Equal(ErrorCode.InvalidConfig, error.Code);
        Assert.Single(_listener.Changes);
        Assert.Empty(_controller.Image.TopicsByName["alter-bad"].Configs);
    }

    [Fact]
    public async Task Changes_AreAppliedInOrderWithIncreasingEpochs()
    {
        await _controller.CreateTopicAsync(Spec("a", 1), validateOnly: false);
        await _controller.CreateTopicAsync(Spec("b", 1), validateOnly: false);
        await _controller.DeleteTopicAsync("a");

        var changes = _listener.Changes;
        Assert.Equal(3, changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            Assert.True(changes[i].Current.Epoch > changes[i].Previous.Epoch);
            if (i > 0)
            {
                Assert.Same(changes[i - 1].Current, changes[i].Previous);
            }
        }
    }

    private static CreateTopicSpec Spec(string name, int partitions, params (string Key, string Value)[] configs) =>
        new(name, partitions, 1, configs.ToDictionary(c => c.Key, c => (string?)c.Value));
}
