using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connectors.File.Lines;

namespace Pipeline.Connectors.File.Tests.Lines;

public sealed class FileStreamSourceConnectorTests
{
    [Fact]
    public void TaskConfigs_AnyMaxTasks_ExactlyOneTask()
    {
        var connector = new FileStreamSourceConnector();
        connector.Start(new Dictionary<string, string> { ["file"] = "/tmp/x", ["topic"] = "t" });

        Assert.Single(connector.TaskConfigs(5));
    }

    [Fact]
    public void Start_MissingTopic_ConfigExceptionNamingTopic()
    {
        var e = Assert.Throws<ConfigException>(() => new FileStreamSourceConnector().Start(new Dictionary<string, string> { ["file"] = "x" }));
        Assert.Equal("topic", e.Name);
    }

    [Fact]
    public void Validate_TwoTopicsAndBadBatchSize_ErrorsPerField()
    {
        var results = new FileStreamSourceConnector().Validate(new Dictionary<string, string> { ["topic"] = "a,b", ["batch.size"] = "zero" });

        Assert.NotEmpty(results.Single(r => r.Name == "topic").ErrorMessages);
        Assert.NotEmpty(results.Single(r => r.Name == "batch.size").ErrorMessages);
        Assert.Empty(results.Single(r => r.Name == "file").ErrorMessages);
    }

    [Fact]
    public void Config_Defaults_AsKafka()
    {
        var parsed = FileStreamSourceConfig.Definition.Parse(new Dictionary<string, string> { ["topic"] = "t" });
        Assert.Equal(2000, parsed["batch.size"]);
        Assert.Null(parsed["file"]);
    }

    [Fact]
    public void AlterOffsets_PositionMissingOrNegative_Refused_ValidAccepted()
    {
        var connector = new FileStreamSourceConnector();
        var partition = new Dictionary<string, object?> { ["filename"] = "/x" };

        Assert.True(connector.AlterOffsets(new Dictionary<string, string>(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, new Dictionary<string, object?> { ["position"] = 10L })]));
        Assert.True(connector.AlterOffsets(new Dictionary<string, string>(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, null)]));
        Assert.Throws<ConnectException>(() => connector.AlterOffsets(new Dictionary<string, string>(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, new Dictionary<string, object?> { ["position"] = -1L })]));
        Assert.Throws<ConnectException>(() => connector.AlterOffsets(new Dictionary<string, string>(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, new Dictionary<string, object?> { ["pos"] = 1L })]));
    }

    [Fact]
    public void Alias_KafkaClassName()
    {
        var alias = (PluginAliasAttribute)Attribute.GetCustomAttribute(typeof(FileStreamSourceConnector), typeof(PluginAliasAttribute))!;
        Assert.Contains("org.apache.kafka.connect.file.FileStreamSourceConnector", alias.Aliases);
    }
}
