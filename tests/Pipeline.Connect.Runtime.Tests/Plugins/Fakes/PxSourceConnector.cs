using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

public sealed class PxSourceConnector : SourceConnector
{
    public override string Version => "1.0";

    public override Type TaskType => typeof(SourceTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("px.topic", ConfigType.String, ConfigDef.NoDefault, null, Importance.High, "Where records go.");

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}
