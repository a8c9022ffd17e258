using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connectors.File.Lines;

/// <summary>
/// Reads lines of one file (or stdin) into one topic, as Kafka's FileStreamSourceConnector: always
/// one task, source partition <c>{"filename": path}</c>, offset <c>{"position": byte position}</c>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSourceConnector")]
public sealed class FileStreamSourceConnector : SourceConnector
{
    private Dictionary<string, string> _props = [];

    public override string Version => ConnectorVersion.Value;

    public override Type TaskType => typeof(FileStreamSourceTask);

    public override ConfigDef Config => FileStreamSourceConfig.Definition;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        // Parse to fail Start (and so the connector) on a bad config, as Kafka's does.
        _ = FileStreamSourceConfig.Definition.Parse(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    // Reading one file from several tasks would duplicate every line: one task, whatever tasks.max says.
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override void Stop()
    {
    }

    public override bool AlterOffsets(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            if (offset is null)
            {
                continue;
            }

            if (!partition.ContainsKey(FileStreamSourceTask.FilenameField))
            {
                throw new Connect.Api.Errors.ConnectException($"Partitions are expected to have the key '{FileStreamSourceTask.FilenameField}'");
            }

            if (!offset.TryGetValue(FileStreamSourceTask.PositionField, out var position))
            {
                throw new Connect.Api.Errors.ConnectException($"Offsets are expected to have the key '{FileStreamSourceTask.PositionField}'");
            }

            if (!OffsetValues.TryGetLong(position, out var p) || p < 0)
            {
                throw new Connect.Api.Errors.ConnectException($"The value for the '{FileStreamSourceTask.PositionField}' key in the offset is expected to be a non-negative integer, but was {position}");
            }
        }

        return true;
    }
}
