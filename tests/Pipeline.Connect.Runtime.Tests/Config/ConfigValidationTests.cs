using System.Text.Json;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Connect.Runtime.Tests.Plugins;

namespace Pipeline.Connect.Runtime.Tests.Config;

public class ConfigValidationTests
{
    private static ConfigInfos Validate(Dictionary<string, string> props) =>
        ConfigValidation.Validate(TestPlugins.Registry, props, TestPlugins.NoWorkerDefaults);

    private static ConfigInfo Config(ConfigInfos infos, string name) =>
        Assert.Single(infos.Configs, c => (c.Definition?.Name ?? c.Value.Name) == name);

    [Fact]
    public void Validate_GoodSinkConfig_HasNoErrorsAndFrameworkThenConnectorSettings()
    {
        var infos = Validate(TestPlugins.Sink());

        Assert.Equal("PxSink", infos.Name);
        Assert.Equal(0, infos.ErrorCount);
        Assert.Equal(["Common", "Transforms", "Predicates", "Error Handling", "Px"], infos.Groups);
        var names = infos.Configs.Select(c => c.Definition!.Name).ToList();
        Assert.True(names.IndexOf("name") < names.IndexOf("px.required"));
        foreach (var key in new[] { "name", "connector.class", "tasks.max", "key.converter", "value.converter", "header.converter", "transforms", "predicates",
            "errors.retry.timeout", "errors.retry.delay.max.ms", "errors.tolerance", "errors.log.enable", "errors.log.include.messages",
            "topics", "topics.regex", "errors.deadletterqueue.topic.name", "errors.deadletterqueue.topic.replication.factor",
            "errors.deadletterqueue.context.headers.enable", "px.required", "px.count" })
        {
            Assert.Contains(key, names);
        }

        var tasksMax = Config(infos, "tasks.max");
        Assert.Equal("INT", tasksMax.Definition!.Type);
        Assert.False(tasksMax.Definition.Required);
        Assert.Equal("1", tasksMax.Definition.DefaultValue);
        Assert.Equal("HIGH", tasksMax.Definition.Importance);
        Assert.Equal("Common", tasksMax.Definition.Group);
        Assert.Equal("1", tasksMax.Value.Value);
        Assert.Empty(tasksMax.Value.Errors);
        Assert.True(tasksMax.Value.Visible);
        var name = Config(infos, "name");
        Assert.True(name.Definition!.Required);
        Assert.Null(name.Definition.DefaultValue);
        Assert.Equal("px-sink", name.Value.Value);
        Assert.Equal("LIST", Config(infos, "topics").Definition!.Type);
        Assert.Equal("orders", Config(infos, "topics").Value.Value);
        Assert.Equal("5", Config(infos, "px.count").Value.Value);
    }

    [Fact]
    public void Validate_BadConfig_CountsEveryErrorOnItsField()
    {
        var infos = Validate(TestPlugins.Sink(
            ("px.required", null), ("tasks.max", "many"), ("px.count", "-1"), ("errors.tolerance", "some"),
            ("transforms", "bad,unknown"), ("transforms.bad.type", "PxSuffixTransform"), ("transforms.unknown.type", "com.example.NoSuchTransform")));

        Assert.Contains(Config(infos, "px.required").Value.Errors, e => e.Contains("Missing required configuration \"px.required\""));
        Assert.Contains(Config(infos, "tasks.max").Value.Errors, e => e.Contains("Not a number of type INT"));
        Assert.Equal("many", Config(infos, "tasks.max").Value.Value);
        Assert.Single(Config(infos, "px.count").Value.Errors);
        Assert.Single(Config(infos, "errors.tolerance").Value.Errors);
        Assert.Contains(Config(infos, "transforms.bad.suffix").Value.Errors, e => e.Contains("transforms.bad.suffix"));
        Assert.Equal("Transforms: bad", Config(infos, "transforms.bad.suffix").Definition!.Group);
        Assert.Contains(Config(infos, "transforms.unknown.type").Value.Errors, e => e.Contains("com.example.NoSuchTransform"));
        Assert.Contains("Transforms: bad", infos.Groups);
        Assert.Equal(6, infos.ErrorCount);
        Assert.Equal(infos.ErrorCount, infos.Configs.Sum(c => c.Value.Errors.Count));
    }

    [Fact]
    public void Validate_PredicateChain_ReportsUnlistedPredicate()
    {
        var infos = Validate(TestPlugins.Sink(
            ("transforms", "x"), ("transforms.x.type", "PxDropTransform"), ("transforms.x.predicate", "nope")));

        Assert.Equal(1, infos.ErrorCount);
        Assert.Contains("not listed", Assert.Single(Config(infos, "transforms.x.predicate").Value.Errors));
    }

    [Fact]
    public void Validate_TopicsAndRegex_ErrorOnBoth()
    {
        var infos = Validate(TestPlugins.Sink(("topics.regex", "o.*")));

        Assert.Equal(2, infos.ErrorCount);
        Assert.Single(Config(infos, "topics").Value.Errors);
        Assert.Single(Config(infos, "topics.regex").Value.Errors);
    }

    [Fact]
    public void Validate_NullValue_IsAnError()
    {
        var props = TestPlugins.Sink();
        props["px.count"] = null!;

        var infos = Validate(props);

        Assert.Equal(ConfigValidation.NullValueMessage, Assert.Single(Config(infos, "px.count").Value.Errors));
        Assert.Null(Config(infos, "px.count").Value.Value);
        Assert.Equal(1, infos.ErrorCount);
    }

    [Fact]
    public void Validate_NoConnectorClass_IsBadRequest()
    {
        var e = Assert.Throws<ConnectRestException>(() => Validate(TestPlugins.Sink(("connector.class", null))));

        Assert.Equal(400, e.Status);
        Assert.Contains("contains no connector type", e.Message);
    }

    [Fact]
    public void Validate_UnknownConnectorClass_IsBadRequestNamingIt()
    {
        var e = Assert.Throws<ConnectRestException>(() => Validate(TestPlugins.Sink(("connector.class", "com.example.Missing"))));

        Assert.Equal(400, e.Status);
        Assert.Contains("com.example.Missing", e.Message);
    }

    [Fact]
    public void Validate_Source_HasTopicCreationGroups()
    {
        var infos = Validate(new Dictionary<string, string>
        {
            ["name"] = "src",
            ["connector.class"] = "PxSource",
            ["topic.creation.default.partitions"] = "0",
        });

        Assert.Contains("Topic Creation", infos.Groups);
        Assert.Single(Config(infos, "px.topic").Value.Errors);
        Assert.Single(Config(infos, "topic.creation.default.partitions").Value.Errors);
        Assert.Single(Config(infos, "topic.creation.default.replication.factor").Value.Errors);
        Assert.Equal(3, infos.ErrorCount);
    }

    [Fact]
    public void Validate_Answer_SerializesInKafkasShape()
    {
        var json = JsonSerializer.Serialize(Validate(TestPlugins.Sink()));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(0, root.GetProperty("error_count").GetInt32());
        var first = root.GetProperty("configs")[0];
        Assert.Equal("name", first.GetProperty("definition").GetProperty("name").GetString());
        Assert.Equal("STRING", first.GetProperty("definition").GetProperty("type").GetString());
        Assert.Equal(1, first.GetProperty("definition").GetProperty("order").GetInt32());
        Assert.Equal("px-sink", first.GetProperty("value").GetProperty("value").GetString());
    }

    [Fact]
    public void PluginConfig_Connector_ListsItsOwnSettings()
    {
        var keys = ConfigValidation.PluginConfig(TestPlugins.Registry, "PxSink");

        Assert.Equal(["px.required", "px.count"], keys.Select(k => k.Name));
        Assert.True(keys[0].Required);
        Assert.Equal("5", keys[1].DefaultValue);
    }

    [Fact]
    public void PluginConfig_Transformation_ListsItsSettings()
    {
        Assert.Equal(["suffix", "times"], ConfigValidation.PluginConfig(TestPlugins.Registry, "PxSuffixTransform").Select(k => k.Name));
    }

    [Fact]
    public void PluginConfig_UnknownPlugin_IsNotFound()
    {
        Assert.Equal(404, Assert.Throws<ConnectRestException>(() => ConfigValidation.PluginConfig(TestPlugins.Registry, "Nope")).Status);
    }
}
