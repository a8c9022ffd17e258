using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Lines;

/// <summary>Writes record values as lines to a file (or stdout), as Kafka's FileStreamSinkConnector.</summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSinkConnector")]
public sealed class FileStreamSinkConnector : SinkConnector
{
    private Dictionary<string, string> _props = [];

    public override string Version => ConnectorVersion.Value;

    public override Type TaskType => typeof(FileStreamSinkTask);

    public override ConfigDef Config => FileStreamSinkConfig.Definition;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _ = FileStreamSinkConfig.Definition.Parse(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    // As Kafka's: every task gets the same config and appends to the same file.
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var configs = new List<IReadOnlyDictionary<string, string>>(maxTasks);
        for (var i = 0; i < maxTasks; i++)
        {
            configs.Add(_props);
        }

        return configs;
    }

    public override void Stop()
    {
    }
}
