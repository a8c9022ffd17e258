using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>InsertField$Key</c>: InsertField applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.InsertField$Key", "InsertField$Key")]
public sealed class InsertFieldKey() : InsertField(operatesOnKey: true);
