using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>SetSchemaMetadata$Value</c>: SetSchemaMetadata applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value", "SetSchemaMetadata$Value")]
public sealed class SetSchemaMetadataValue() : SetSchemaMetadata(operatesOnKey: false);
