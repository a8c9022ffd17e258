using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>ExtractField$Key</c>: ExtractField applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Key", "ExtractField$Key")]
public sealed class ExtractFieldKey() : ExtractField(operatesOnKey: true);
