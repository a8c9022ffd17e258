using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>A source connector whose Start throws while its <see cref="TestControl.FailPoll"/> is set; otherwise one counting task.</summary>
public sealed class FlakySourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override string Version => "1.0";

    public override Type TaskType => typeof(CountingSourceTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("topic", ConfigType.String, Importance.High, "Where records go")
        .Define("test.id", ConfigType.String, "", Importance.Low, "Test control key");

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        if (TestControl.For(props.GetValueOrDefault("test.id", "")).FailPoll)
        {
            throw new InvalidOperationException("connector start failed on purpose");
        }

        _props = props;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [new Dictionary<string, string>(_props) { ["task.index"] = "0", ["count"] = "3" }];

    public override void Stop()
    {
    }
}
