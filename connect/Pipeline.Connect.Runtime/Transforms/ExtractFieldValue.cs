using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>ExtractField$Value</c>: ExtractField applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Value", "ExtractField$Value")]
public sealed class ExtractFieldValue() : ExtractField(operatesOnKey: false);
