using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms.Predicates;

/// <summary>Kafka's <c>RecordIsTombstone</c>: true when the record's value is null.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")]
public sealed class RecordIsTombstone : IPredicate, IVersioned
{
    private static readonly ConfigDef Definition = new();

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public bool Test(ConnectRecord record) => record.Value is null;

    public void Dispose()
    {
    }

    public override string ToString() => "RecordIsTombstone{}";
}
