using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>Filter</c>: drops every record; used with a predicate (and <c>negate</c>) to drop some.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.Filter")]
public sealed class Filter : ITransformation, IVersioned
{
    private static readonly ConfigDef Definition = new();

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public ConnectRecord? Apply(ConnectRecord record) => null;

    public void Dispose()
    {
    }
}
