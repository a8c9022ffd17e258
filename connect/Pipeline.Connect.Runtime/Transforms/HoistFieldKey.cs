using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>HoistField$Key</c>: HoistField applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.HoistField$Key", "HoistField$Key")]
public sealed class HoistFieldKey() : HoistField(operatesOnKey: true);
