using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Csv;

/// <summary>Writes the records of topics to rolling CSV files, one series per topic partition (see README.md).</summary>
public sealed class CsvSinkConnector : SinkConnector
{
    private Dictionary<string, string> _props = [];

    public override string Version => ConnectorVersion.Value;

    public override Type TaskType => typeof(CsvSinkTask);

    public override ConfigDef Config => CsvSinkConfig.ConfigDefinition;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _ = new CsvSinkConfig(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    // Partitions are spread over the tasks by the consumer group, and file names carry the
    // partition, so every task can share the same config and directory.
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
