using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>MaskField$Value</c>: MaskField applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.MaskField$Value", "MaskField$Value")]
public sealed class MaskFieldValue() : MaskField(operatesOnKey: false);
