using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>Cast$Key</c>: Cast applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.Cast$Key", "Cast$Key")]
public sealed class CastKey() : Cast(operatesOnKey: true);
