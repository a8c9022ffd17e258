using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>A sink whose tasks keep what they receive in <see cref="TestControl.Received"/>.</summary>
public sealed class CollectingSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override string Version => "1.0";

    public override Type TaskType => typeof(CollectingSinkTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("test.id", ConfigType.String, "", Importance.Low, "Test control key");

    public override void Start(IReadOnlyDictionary<string, string> props) => _props = props;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_props))];

    public override void Stop()
    {
    }
}
