using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>InsertField$Value</c>: InsertField applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.InsertField$Value", "InsertField$Value")]
public sealed class InsertFieldValue() : InsertField(operatesOnKey: false);
