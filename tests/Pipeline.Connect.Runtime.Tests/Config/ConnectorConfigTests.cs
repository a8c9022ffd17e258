using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Tests.Plugins;

namespace Pipeline.Connect.Runtime.Tests.Config;

public class ConnectorConfigTests
{
    private static ConnectorConfig Parse(Dictionary<string, string> props, IReadOnlyDictionary<string, string>? worker = null) =>
        new(TestPlugins.Registry, props, worker ?? TestPlugins.NoWorkerDefaults);

    private static ConfigException Fails(Dictionary<string, string> props) =>
        Assert.Throws<ConfigException>(() => Parse(props));

    [Fact]
    public void ConnectorConfig_MinimalSink_HasKafkasDefaults()
    {
        var config = Parse(TestPlugins.Sink());

        Assert.Equal("px-sink", config.Name);
        Assert.Equal("PxSink", config.ConnectorClass);
        Assert.True(config.IsSink);
        Assert.Equal(1, config.TasksMax);
        Assert.False(config.ErrorsToleranceAll);
        Assert.Equal(0, config.RetryTimeoutMs);
        Assert.Equal(60000, config.RetryDelayMaxMs);
        Assert.False(config.ErrorsLogEnable);
        Assert.False(config.ErrorsLogIncludeMessages);
        Assert.Null(config.DlqTopic);
        Assert.Equal(3, config.DlqReplicationFactor);
        Assert.False(config.DlqContextHeaders);
        Assert.Equal(["orders"], config.Topics);
        Assert.Null(config.TopicsRegex);
        Assert.Null(config.TopicCreation);
        Assert.Equal("org.apache.kafka.connect.storage.SimpleHeaderConverter", config.HeaderConverterClass);
    }

    [Fact]
    public void ConnectorConfig_ErrorSettings_AreParsed()
    {
        var config = Parse(TestPlugins.Sink(
            ("errors.tolerance", "all"), ("errors.retry.timeout", "-1"), ("errors.retry.delay.max.ms", "500"),
            ("errors.log.enable", "true"), ("errors.log.include.messages", "true"),
            ("errors.deadletterqueue.topic.name", "dlq"), ("errors.deadletterqueue.topic.replication.factor", "1"),
            ("errors.deadletterqueue.context.headers.enable", "true")));

        Assert.True(config.ErrorsToleranceAll);
        Assert.Equal(-1, config.RetryTimeoutMs);
        Assert.Equal(500, config.RetryDelayMaxMs);
        Assert.True(config.ErrorsLogEnable);
        Assert.True(config.ErrorsLogIncludeMessages);
        Assert.Equal("dlq", config.DlqTopic);
        Assert.Equal(1, config.DlqReplicationFactor);
        Assert.True(config.DlqContextHeaders);
    }

    [Theory]
    [InlineData("tasks.max", "0")]
    [InlineData("tasks.max", "many")]
    [InlineData("errors.tolerance", "some")]
    [InlineData("errors.retry.timeout", "soon")]
    [InlineData("errors.log.enable", "yes")]
    [InlineData("errors.deadletterqueue.topic.replication.factor", "0")]
    [InlineData("config.action.reload", "later")]
    [InlineData("key.converter", "com.example.NoSuchConverter")]
    [InlineData("header.converter", "PxSink")]
    [InlineData("transforms", "a,a")]
    public void ConnectorConfig_BadValue_ThrowsNamingTheSetting(string key, string value)
    {
        var e = Fails(TestPlugins.Sink((key, value)));

        Assert.Equal(key, e.Name);
        Assert.Contains(key, e.Message);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("connector.class")]
    public void ConnectorConfig_MissingRequired_ThrowsNamingIt(string key)
    {
        var e = Fails(TestPlugins.Sink((key, null)));

        Assert.Equal(key, e.Name);
        Assert.Contains("Missing required configuration", e.Message);
    }

    [Fact]
    public void ConnectorConfig_UnknownConnectorClass_NamesClassAndSetting()
    {
        var e = Fails(TestPlugins.Sink(("connector.class", "com.example.Nope")));

        Assert.Equal("connector.class", e.Name);
        Assert.Contains("com.example.Nope", e.Message);
    }

    [Fact]
    public void ConnectorConfig_TopicsAndRegex_AreMutuallyExclusive()
    {
        var both = Fails(TestPlugins.Sink(("topics.regex", "orders.*")));
        var neither = Fails(TestPlugins.Sink(("topics", null)));

        Assert.Equal("topics", both.Name);
        Assert.Contains("mutually exclusive", both.Message);
        Assert.Contains("Must configure one of topics or topics.regex", neither.Message);
        Assert.Equal("orders.*", Parse(TestPlugins.Sink(("topics", null), ("topics.regex", "orders.*"))).TopicsRegex);
    }

    [Fact]
    public void ConnectorConfig_DlqTopicAmongTopics_IsRefused()
    {
        var e = Fails(TestPlugins.Sink(("topics", "orders,dlq"), ("errors.deadletterqueue.topic.name", "dlq")));

        Assert.Equal("errors.deadletterqueue.topic.name", e.Name);
    }

    [Fact]
    public void ConnectorConfig_TransformWithoutType_NamesTheTypeSetting()
    {
        var e = Fails(TestPlugins.Sink(("transforms", "x")));

        Assert.Equal("transforms.x.type", e.Name);
    }

    [Fact]
    public void ConnectorConfig_UnknownTransformType_NamesTheTypeSetting()
    {
        var e = Fails(TestPlugins.Sink(("transforms", "x"), ("transforms.x.type", "com.example.Missing")));

        Assert.Equal("transforms.x.type", e.Name);
        Assert.Contains("com.example.Missing", e.Message);
    }

    [Fact]
    public void ConnectorConfig_TransformsOwnRequiredSetting_IsEnforced()
    {
        var e = Fails(TestPlugins.Sink(("transforms", "x"), ("transforms.x.type", "PxSuffixTransform")));

        Assert.Equal("transforms.x.suffix", e.Name);
    }

    [Fact]
    public void ConnectorConfig_PredicateNotListed_NamesThePredicateSetting()
    {
        var e = Fails(TestPlugins.Sink(
            ("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"), ("transforms.x.predicate", "p")));

        Assert.Equal("transforms.x.predicate", e.Name);
    }

    [Fact]
    public void ConnectorConfig_PredicateWithoutType_NamesIt()
    {
        var e = Fails(TestPlugins.Sink(("predicates", "p")));

        Assert.Equal("predicates.p.type", e.Name);
    }

    [Fact]
    public void ConnectorConfig_EnrichedDefinition_HasTransformAndPredicateKeys()
    {
        var config = Parse(TestPlugins.Sink(
            ("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"),
            ("transforms.x.predicate", "p"), ("predicates", "p"), ("predicates.p.type", "PxTopicIsPredicate"), ("predicates.p.topic", "orders")));

        Assert.Equal(["x"], config.Transforms);
        Assert.Equal(1, config.GetInt("transforms.x.times"));
        Assert.False(config.GetBoolean("transforms.x.negate"));
        Assert.Equal("orders", config.GetString("predicates.p.topic"));
        Assert.Equal("Transforms: x", config.Definition.Keys["transforms.x.suffix"].Group);
        Assert.Equal("!", config.TransformConfigs("x")["suffix"]);
    }

    [Fact]
    public void ConverterConfigs_SameClassAsWorker_MergesWorkerUnderConnector()
    {
        var worker = new Dictionary<string, string>
        {
            ["value.converter"] = "PxConverter",
            ["value.converter.a"] = "1",
            ["value.converter.b"] = "2",
            ["key.converter"] = "com.example.PxConverter",
        };

        var inherited = Parse(TestPlugins.Sink(("value.converter.b", "3")), worker);
        var sameClass = Parse(TestPlugins.Sink(("value.converter", "PxConverter"), ("value.converter.b", "3")), worker);
        var otherClass = Parse(TestPlugins.Sink(("value.converter", "Px"), ("value.converter.c", "4")), worker);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }, inherited.ConverterConfigs("value.converter."));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }, sameClass.ConverterConfigs("value.converter."));
        Assert.Equal(new Dictionary<string, string> { ["c"] = "4" }, otherClass.ConverterConfigs("value.converter."));
        Assert.Equal("PxConverter", inherited.ValueConverterClass);
        Assert.Equal("com.example.PxConverter", inherited.KeyConverterClass);
        Assert.Equal("Px", otherClass.ValueConverterClass);
    }

    [Fact]
    public void ConnectorConfig_SourceTopicCreation_ParsesGroupsInOrder()
    {
        var config = Parse(new Dictionary<string, string>
        {
            ["name"] = "src",
            ["connector.class"] = "PxSource",
            ["px.topic"] = "t",
            ["topic.creation.groups"] = "compacted",
            ["topic.creation.default.replication.factor"] = "-1",
            ["topic.creation.default.partitions"] = "3",
            ["topic.creation.default.cleanup.policy"] = "delete",
            ["topic.creation.compacted.include"] = "state-.*,config",
            ["topic.creation.compacted.exclude"] = "state-tmp",
            ["topic.creation.compacted.cleanup.policy"] = "compact",
            ["topic.creation.compacted.partitions"] = "1",
        });

        Assert.False(config.IsSink);
        var creation = Assert.IsType<TopicCreationConfig>(config.TopicCreation);
        Assert.Equal(["compacted", "default"], creation.Groups.Select(g => g.Name));
        var compacted = creation.GroupFor("state-orders");
        Assert.Equal("compacted", compacted.Name);
        Assert.Equal(1, compacted.Partitions);
        Assert.Equal(-1, compacted.ReplicationFactor);
        Assert.Equal("compact", compacted.TopicConfigs["cleanup.policy"]);
        Assert.Equal("default", creation.GroupFor("state-tmp").Name);
        Assert.Equal("default", creation.GroupFor("xstate-orders").Name);
        Assert.Equal(3, creation.Default.Partitions);
        Assert.Equal("delete", creation.Default.TopicConfigs["cleanup.policy"]);
        Assert.Null(config.DlqTopic);
    }

    [Fact]
    public void ConnectorConfig_TopicCreationWithoutDefaultReplication_NamesIt()
    {
        var e = Assert.Throws<ConfigException>(() => Parse(new Dictionary<string, string>
        {
            ["name"] = "src",
            ["connector.class"] = "PxSource",
            ["topic.creation.default.partitions"] = "3",
        }));

        Assert.Equal("topic.creation.default.replication.factor", e.Name);
    }

    [Fact]
    public void ConnectorConfig_TopicCreationDisabledByWorker_IsIgnored()
    {
        var config = Parse(
            new Dictionary<string, string> { ["name"] = "src", ["connector.class"] = "PxSource", ["topic.creation.default.partitions"] = "3" },
            new Dictionary<string, string> { ["topic.creation.enable"] = "false" });

        Assert.Null(config.TopicCreation);
    }
}
