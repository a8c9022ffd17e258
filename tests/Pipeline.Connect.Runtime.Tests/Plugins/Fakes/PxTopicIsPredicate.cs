using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

public sealed class PxTopicIsPredicate : IPredicate
{
    private string _topic = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("topic", ConfigType.String, ConfigDef.NoDefault, null, Importance.High, "The topic that matches.");

    public void Configure(IReadOnlyDictionary<string, string> configs) => _topic = (string)Config.Parse(configs)["topic"]!;

    public bool Test(ConnectRecord record) => record.Topic == _topic;

    public void Dispose()
    {
    }
}
