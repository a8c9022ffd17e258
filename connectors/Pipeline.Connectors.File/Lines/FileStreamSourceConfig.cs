using Pipeline.Connect.Api.Config;

namespace Pipeline.Connectors.File.Lines;

/// <summary>The settings of <see cref="FileStreamSourceConnector"/>: Kafka's names and defaults.</summary>
public static class FileStreamSourceConfig
{
    public const string File = "file";
    public const string Topic = "topic";
    public const string BatchSize = "batch.size";
    public const int DefaultBatchSize = 2000;

    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(File, ConfigType.String, null, null, Importance.High, "Source filename. If not specified, the standard input will be used")
        .Define(
            Topic,
            ConfigType.String,
            ConfigDef.NoDefault,
            ConfigValidators.All(ConfigValidators.NonEmptyString, ConfigValidators.Of(SingleTopic, "a single topic")),
            Importance.High,
            "The topic to publish data to")
        .Define(BatchSize, ConfigType.Int, DefaultBatchSize, ConfigValidators.AtLeast(1), Importance.Low, "The maximum number of records the source task can read from the file each time it is polled");

    private static void SingleTopic(string name, object? value)
    {
        if (value is string s && s.Contains(',', StringComparison.Ordinal))
        {
            throw new ConfigException(name, value, "FileStreamSourceConnector supports only a single topic");
        }
    }
}
