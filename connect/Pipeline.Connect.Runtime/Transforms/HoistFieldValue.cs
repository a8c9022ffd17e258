using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>HoistField$Value</c>: HoistField applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.HoistField$Value", "HoistField$Value")]
public sealed class HoistFieldValue() : HoistField(operatesOnKey: false);
