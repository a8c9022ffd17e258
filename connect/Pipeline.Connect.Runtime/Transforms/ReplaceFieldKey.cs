using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>ReplaceField$Key</c>: ReplaceField applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Key", "ReplaceField$Key")]
public sealed class ReplaceFieldKey() : ReplaceField(operatesOnKey: true);
