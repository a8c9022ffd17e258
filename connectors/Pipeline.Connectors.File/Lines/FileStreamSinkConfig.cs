using Pipeline.Connect.Api.Config;

namespace Pipeline.Connectors.File.Lines;

/// <summary>The settings of <see cref="FileStreamSinkConnector"/>: Kafka's names and defaults.</summary>
public static class FileStreamSinkConfig
{
    public const string File = "file";

    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(File, ConfigType.String, null, null, Importance.High, "Destination filename. If not specified, the standard output will be used");
}
