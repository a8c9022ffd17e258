using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

/// <summary>A sink with one required and one typed setting, answering to a Kafka-style alias.</summary>
[PluginAlias("com.example.connect.PxSinkConnector")]
public sealed class PxSinkConnector : SinkConnector
{
    public override string Version => "2.1.0";

    public override Type TaskType => typeof(PxSinkTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("px.required", ConfigType.String, ConfigDef.NoDefault, null, Importance.High, "A required setting.", "Px", 1, ConfigWidth.Medium, "Px required")
        .Define("px.count", ConfigType.Int, 5, ConfigValidators.AtLeast(0), Importance.Low, "A number.", "Px", 2, ConfigWidth.Short, "Px count");

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}
