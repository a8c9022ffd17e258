using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>MaskField$Key</c>: MaskField applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.MaskField$Key", "MaskField$Key")]
public sealed class MaskFieldKey() : MaskField(operatesOnKey: true);
