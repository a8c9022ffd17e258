using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>ReplaceField$Value</c>: ReplaceField applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Value", "ReplaceField$Value")]
public sealed class ReplaceFieldValue() : ReplaceField(operatesOnKey: false);
