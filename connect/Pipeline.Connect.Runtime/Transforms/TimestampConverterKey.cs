using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>TimestampConverter$Key</c>: TimestampConverter applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Key", "TimestampConverter$Key")]
public sealed class TimestampConverterKey() : TimestampConverter(operatesOnKey: true);
