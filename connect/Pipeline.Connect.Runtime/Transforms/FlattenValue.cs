using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>Flatten$Value</c>: Flatten applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.Flatten$Value", "Flatten$Value")]
public sealed class FlattenValue() : Flatten(operatesOnKey: false);
