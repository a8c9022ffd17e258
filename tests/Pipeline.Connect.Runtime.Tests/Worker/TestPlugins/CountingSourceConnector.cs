using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>A source of tasks.max tasks, each counting from its committed offset up to <c>count</c> into <c>topic</c>.</summary>
public sealed class CountingSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override string Version => "1.0";

    public override Type TaskType => typeof(CountingSourceTask);

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("topic", ConfigType.String, Importance.High, "Where records go")
        .Define("count", ConfigType.Int, 10, Importance.Low, "Records per task")
        .Define("test.id", ConfigType.String, "", Importance.Low, "Test control key");

    public override void Start(IReadOnlyDictionary<string, string> props) => _props = props;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_props) { ["task.index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })];

    public override void Stop()
    {
    }

    public override bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets) => true;
}
