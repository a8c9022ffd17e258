using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>SetSchemaMetadata$Key</c>: SetSchemaMetadata applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Key", "SetSchemaMetadata$Key")]
public sealed class SetSchemaMetadataKey() : SetSchemaMetadata(operatesOnKey: true);
