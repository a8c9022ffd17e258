using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>Cast$Value</c>: Cast applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.Cast$Value", "Cast$Value")]
public sealed class CastValue() : Cast(operatesOnKey: false);
