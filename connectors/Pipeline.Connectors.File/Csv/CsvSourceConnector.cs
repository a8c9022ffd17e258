using System.Globalization;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Reads CSV files dropped into a directory, one record per row (see README.md for the settings).
/// Answers to the spooldir connector's class name, whose settings it mostly shares.
/// </summary>
[PluginAlias("com.github.jcustenborder.kafka.connect.spooldir.SpoolDirCsvSourceConnector")]
public sealed class CsvSourceConnector : SourceConnector
{
    private Dictionary<string, string> _props = [];

    public override string Version => ConnectorVersion.Value;

    public override Type TaskType => typeof(CsvSourceTask);

    public override ConfigDef Config => CsvSourceConfig.ConfigDefinition;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _ = new CsvSourceConfig(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    // Each task reads the files whose name hashes to its index, so no two read the same file.
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var count = Math.Max(1, maxTasks);
        var configs = new List<IReadOnlyDictionary<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            var task = new Dictionary<string, string>(_props, StringComparer.Ordinal)
            {
                [CsvSourceConfig.TaskIndex] = i.ToString(CultureInfo.InvariantCulture),
                [CsvSourceConfig.TaskCount] = count.ToString(CultureInfo.InvariantCulture),
            };
            configs.Add(task);
        }

        return configs;
    }

    public override void Stop()
    {
    }

    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> connectorConfigs)
    {
        var results = base.Validate(connectorConfigs);
        foreach (var r in results)
        {
            if (r.ErrorMessages.Count > 0)
            {
                return results;
            }
        }

        // Per-setting checks passed: now the checks across settings (schema JSON, MOVE needs finished.path, ...).
        try
        {
            _ = new CsvSourceConfig(connectorConfigs);
        }
        catch (ConfigException e)
        {
            foreach (var r in results)
            {
                if (r.Name == e.Name)
                {
                    r.AddErrorMessage(e.Message);
                }
            }
        }

        return results;
    }

    public override bool AlterOffsets(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            if (!partition.TryGetValue(CsvSourceTask.FilenameField, out var f) || f is not string)
            {
                throw new ConnectException($"Partitions are expected to have the key '{CsvSourceTask.FilenameField}' with a file name");
            }

            if (offset is not null
                && (!offset.TryGetValue(CsvSourceTask.RowField, out var row) || !OffsetValues.TryGetLong(row, out var n) || n < 0))
            {
                throw new ConnectException($"Offsets are expected to have the key '{CsvSourceTask.RowField}' with a non-negative integer");
            }
        }

        return true;
    }
}
