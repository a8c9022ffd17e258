using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>Flatten$Key</c>: Flatten applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.Flatten$Key", "Flatten$Key")]
public sealed class FlattenKey() : Flatten(operatesOnKey: true);
